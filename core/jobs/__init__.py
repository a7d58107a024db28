"""One job mechanism for every background job (`core.models.Job`).

- `registry`: each app registers what a kind of job does, from its AppConfig.ready().
- `services`: open a job, queue it once the transaction commits, retry a failed one.
- `runner`: what the one Celery task (`core.tasks.run_job`) and the sweep do: claim with a
  conditional UPDATE, beat the heartbeat, record progress, end ready or failed, notice lost jobs.

Callers import the sub-module (`from core.jobs import services`)."""
