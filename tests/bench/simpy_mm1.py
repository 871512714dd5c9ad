#!/usr/bin/python3
"""simpy_mm1.py: bench_mm1's M/M/1 model (lambda = 80/s, exponential 10 ms service, one server,
FIFO) in SimPy, timed, and compared with PipeLab's whole engine on the same model measured in the
same run (issue 5 §7: "SimPy about 0.25 M events/s").

Events are counted the way PipeLab counts them for this model: two per request (its arrival and
its departure). SimPy runs a shorter simulated time (it is two orders of magnitude slower); the
comparison is of events per wall second.

Usage:
  simpy_mm1.py [BENCH_MM1] [--seconds S] [--repeat R]
With BENCH_MM1 (the built tests/bench program), it also runs its BM_Mm1LoadSimulation/0 (the
4-ary heap) with JSON output and prints "PipeLab: X M events/s, SimPy: Y M events/s, ratio: Z x".
Uses Debian's python3-simpy (SimPy 2.3, module SimPy) or SimPy 3/4 (module simpy) if installed:
run it with /usr/bin/python3.
"""

import argparse
import json
import random
import subprocess
import sys
import time

LAMBDA = 80.0      # requests per second
SERVICE = 0.010    # seconds: rho = 0.8
PIPELAB_BENCHMARK = "BM_Mm1LoadSimulation/0"


def run_simpy4(simpy, seconds, seed):
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    rng = random.Random(seed)
    done = [0]

    def customer():
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / SERVICE))
        done[0] += 1

    def source():
        while True:
            env.process(customer())
            yield env.timeout(rng.expovariate(LAMBDA))

    env.process(source())
    env.run(until=seconds)
    return done[0]


def run_simpy2(seconds, seed):
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    sim = Simulation()
    sim.initialize()
    server = Resource(capacity=1, sim=sim)
    rng = random.Random(seed)
    done = [0]

    class Customer(Process):
        def visit(self):
            yield request, self, server
            yield hold, self, rng.expovariate(1.0 / SERVICE)
            yield release, self, server
            done[0] += 1

    class Source(Process):
        def generate(self):
            while True:
                customer = Customer(sim=sim)
                sim.activate(customer, customer.visit())
                yield hold, self, rng.expovariate(LAMBDA)

    source = Source(sim=sim)
    sim.activate(source, source.generate())
    sim.simulate(until=seconds)
    return done[0]


def time_simpy(seconds, repeat):
    """(best events per wall second, SimPy's name and version, requests of one run)."""
    try:
        import simpy
        name, version = "SimPy", simpy.__version__
        run = lambda seed: run_simpy4(simpy, seconds, seed)  # noqa: E731
    except ImportError:
        import SimPy
        name, version = "SimPy", SimPy.__version__
        run = lambda seed: run_simpy2(seconds, seed)  # noqa: E731
    best = 0.0
    requests = 0
    for attempt in range(repeat):
        start = time.perf_counter()
        requests = run(attempt + 1)
        wall = time.perf_counter() - start
        best = max(best, 2 * requests / wall)
    return best, "%s %s" % (name, version), requests


def time_pipelab(program, min_time):
    completed = subprocess.run(
        [program, "--benchmark_format=json", "--benchmark_filter=^BM_Mm1LoadSimulation/0$",
         "--benchmark_min_time=%s" % min_time],
        check=True, stdout=subprocess.PIPE, universal_newlines=True)
    for run in json.loads(completed.stdout)["benchmarks"]:
        if run["name"] == PIPELAB_BENCHMARK and run.get("run_type", "iteration") == "iteration":
            return run["events/s"]
    raise SystemExit("error: %s reported no %s" % (program, PIPELAB_BENCHMARK))


def main(argv):
    parser = argparse.ArgumentParser(description="The M/M/1 model in SimPy and in PipeLab, same run.")
    parser.add_argument("bench", nargs="?", help="path of the built bench_mm1 program")
    parser.add_argument("--seconds", type=float, default=1250.0, help="simulated seconds for SimPy (default 1250)")
    parser.add_argument("--repeat", type=int, default=3, help="SimPy runs; the best counts (default 3)")
    parser.add_argument("--min-time", default="1", help="PipeLab's --benchmark_min_time (default 1)")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.repeat < 1:
        parser.error("--seconds and --repeat must be positive")

    simpy_rate, simpy_name, requests = time_simpy(args.seconds, args.repeat)
    print("%s: %.3f M events/s (M/M/1, rho = 0.8, %d requests in %g simulated s; best of %d)"
          % (simpy_name, simpy_rate / 1e6, requests, args.seconds, args.repeat))
    if not args.bench:
        return 0
    pipelab_rate = time_pipelab(args.bench, args.min_time)
    print("PipeLab: %.2f M events/s, %s: %.3f M events/s, ratio: %.1f x"
          % (pipelab_rate / 1e6, simpy_name, simpy_rate / 1e6, pipelab_rate / simpy_rate))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
