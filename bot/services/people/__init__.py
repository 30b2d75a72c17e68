"""People and teams: accounts, teams, people added one by one or by roster, invites and
joining, names typed, leave.
"""
