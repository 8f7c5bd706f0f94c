-- A node.db as the first release (schema version 1) left it: two peers, three held messages.
CREATE TABLE held (peer TEXT NOT NULL, seq INTEGER NOT NULL, message BLOB NOT NULL, accepted_wall INTEGER NOT NULL, PRIMARY KEY (peer, seq));
CREATE TABLE peer_state (peer TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, inbound_watermark INTEGER NOT NULL);
INSERT INTO held VALUES ('barn', 4, X'6D3134', 1790000000000);
INSERT INTO held VALUES ('barn', 5, X'6D3135', 1790000001000);
INSERT INTO held VALUES ('shed', 1, X'7331', 1790000002000);
INSERT INTO peer_state VALUES ('barn', 5, 12);
INSERT INTO peer_state VALUES ('shed', 1, 0);
PRAGMA application_id = 1885958004;
PRAGMA user_version = 1;
