-- Placeholder kept only on the accounts branch: migration numbers must be contiguous, and 0002 belongs
-- to another feature branch. The lead drops this file when merging (0003_accounts.sql follows 0002).
SELECT 1;
