-- A node.db as schema version 2 left it: one held message, a dedupe mark of 10 from greenhouse-1, one executed action.
CREATE TABLE held (peer TEXT NOT NULL, seq INTEGER NOT NULL, message BLOB NOT NULL, accepted_wall INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'EVENT', conflation_key TEXT, expires_wall INTEGER, size INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (peer, seq));
CREATE INDEX held_conflation ON held (peer, conflation_key) WHERE conflation_key IS NOT NULL;
CREATE INDEX held_expiry ON held (peer, expires_wall) WHERE expires_wall IS NOT NULL;
CREATE TABLE peer_state (peer TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, inbound_watermark INTEGER NOT NULL, held_count INTEGER NOT NULL DEFAULT 0, held_bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE dropped (peer TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (peer, reason));
CREATE TABLE links (peer TEXT PRIMARY KEY, address TEXT, identity TEXT, inherit_state INTEGER NOT NULL, last_seen_wall INTEGER);
CREATE TABLE source_marks (source TEXT PRIMARY KEY, high_seq INTEGER NOT NULL);
CREATE TABLE actions (action_id TEXT PRIMARY KEY, status TEXT NOT NULL, updated_wall INTEGER NOT NULL);
CREATE TABLE latest_values (thing TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, unit TEXT, ts_wall INTEGER NOT NULL, PRIMARY KEY (thing, key));
INSERT INTO held (peer, seq, message, accepted_wall, kind, size) VALUES ('barn', 3, X'6D33', 1790000000000, 'ACTION', 2);
INSERT INTO peer_state VALUES ('barn', 3, 7, 1, 2);
INSERT INTO source_marks VALUES ('greenhouse-1', 10);
INSERT INTO actions VALUES ('req-1', 'claimed', 1790000000000);
PRAGMA application_id = 1885958004;
PRAGMA user_version = 2;
