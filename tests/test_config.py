"""Settings come from the environment and `.env`, and never show a secret."""

from __future__ import annotations

from jobmarket import config


def test_settings_repr_hides_every_secret():
    settings = config.Settings(
        france_travail_client_secret="ft-secret-value",
        adzuna_app_key="adzuna-key-value",
        jsearch_api_key="jsearch-key-value",
        database_url="postgresql://u:db-password@h/d",
    )
    shown = repr(settings)
    for secret in ("ft-secret-value", "adzuna-key-value", "jsearch-key-value", "db-password"):
        assert secret not in shown
    assert set(settings.secrets()) == {"ft-secret-value", "adzuna-key-value", "jsearch-key-value"}


def test_credentialed_sources_need_every_credential_of_a_source():
    settings = config.Settings(
        france_travail_client_id="id", adzuna_app_id="id", adzuna_app_key="key"
    )
    assert settings.credentialed_sources() == ["adzuna"]


def test_environment_overrides_dotenv_even_when_empty(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "ADZUNA_APP_ID=from-file\nADZUNA_APP_KEY=file-key\nJSEARCH_API_KEY=file-js\n"
    )
    monkeypatch.setenv("ADZUNA_APP_KEY", "env-key")
    monkeypatch.setenv("JSEARCH_API_KEY", "")
    values = config._read_environment(env_file)
    assert values["ADZUNA_APP_ID"] == "from-file"
    assert values["ADZUNA_APP_KEY"] == "env-key"
    assert "JSEARCH_API_KEY" not in values
