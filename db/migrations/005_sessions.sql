-- Web sessions kept on the server, so signing out ends a session for every copy of its cookie.
-- The cookie carries a random id; this table keeps only its sha256, so someone holding a copy of
-- the database cannot take over a session with it.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    id_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    -- The client's address at sign-in (see FACTCHECK_TRUSTED_PROXIES).
    address TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- The last activity the server wrote down: the sign-in, then the end. In between, the signed
    -- cookie carries it (factcheck/views/web_session.py), so reading a page writes nothing.
    last_seen_at TEXT NOT NULL,
    ended_at TEXT,
    end_reason TEXT CHECK (
        end_reason IN ('sign_out', 'idle', 'lifetime', 'password_changed', 'disabled')
    ),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX sessions_open_by_user ON sessions (user_id) WHERE ended_at IS NULL;

-- Changing a password or disabling a user now ends their rows above instead.
ALTER TABLE users DROP COLUMN session_generation;
