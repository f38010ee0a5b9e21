from sqlalchemy import text


def test_fresh_database_is_empty_and_french_fts_available(engine):
    with engine.connect() as conn:
        tables = conn.execute(
            text("SELECT count(*) FROM information_schema.tables WHERE table_schema='public'")
        ).scalar()
        vector = conn.execute(text("SELECT to_tsvector('french', 'développeuses')::text")).scalar()
    assert tables == 0
    assert vector.startswith("'développ")
