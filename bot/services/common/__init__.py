"""What every feature shares: the actor, the service base, errors, permissions, locks, offload."""
