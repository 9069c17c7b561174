-- The refresh token spent last and when: a replay of it within the refresh grace window is answered
-- with the session's current token instead of ending the session.
ALTER TABLE sessions ADD COLUMN previous_refresh_jti VARCHAR(36);
ALTER TABLE sessions ADD COLUMN previous_refresh_spent_at TIMESTAMP WITH TIME ZONE;
