-- 005: compress long texts with lz4 where the server was built with it.
--
-- Descriptions (~2,500 characters) and their French vectors pass PostgreSQL's TOAST
-- threshold, so every loaded row is compressed; lz4 does that several times faster than the
-- default pglz for a similar size. Servers without lz4 (the embedded pgserver build) keep
-- pglz: the block below then changes nothing. Rows already stored keep their compression.

DO $$
BEGIN
    ALTER TABLE france_travail_offers
        ALTER COLUMN description SET COMPRESSION lz4, ALTER COLUMN fts SET COMPRESSION lz4;
    ALTER TABLE adzuna_offers
        ALTER COLUMN description SET COMPRESSION lz4, ALTER COLUMN fts SET COMPRESSION lz4;
    ALTER TABLE jsearch_offers
        ALTER COLUMN description SET COMPRESSION lz4, ALTER COLUMN fts SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server: texts stay pglz-compressed';
END
$$;
