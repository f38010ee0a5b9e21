"""The PostgreSQL warehouse: connection, migrations, loads and read queries."""
