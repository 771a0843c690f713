"""Running Bluelamp in production: liveness and readiness endpoints for the load balancer and
orchestrator, and metrics in Prometheus' text format (docs/deploy.md)."""
