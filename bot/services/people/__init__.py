"""People and teams: accounts, teams, people, rosters, invites, onboarding, leave and deputies."""
