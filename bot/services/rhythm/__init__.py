"""The weekly rhythm (周调度) as services: cycles, prompts, reminders, digests, settings, watch."""
