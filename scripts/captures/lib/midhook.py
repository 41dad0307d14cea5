"""Mid-scenario hook: ask capture-all.sh to run the scenario's mid_hook
(for example: add an iptables rule once a connection is established).

  hook-request  program -> driver : "run mid_hook for this scenario now"
  hook-done     driver -> program : done

Like the other markers (see common.py), a no-op without --sync-dir; a
scenario run by hand must then do the hook's work itself or do without.
"""


def request_hook(driver, timeout=30.0):
    driver._touch("hook-request")
    driver._wait("hook-done", timeout)
