-- A random id for the desk this database is, given once: a server or worker names its desk by
-- it to the job queue, so that two desks pointed at one Redis database by mistake are told apart
-- (each would otherwise run the other's jobs against the wrong database). A backup and its
-- restore keep it: they are the same desk.
CREATE TABLE desk_identity (
    id TEXT NOT NULL
);
INSERT INTO desk_identity (id) VALUES (lower(hex(randomblob(16))));
