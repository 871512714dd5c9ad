// Queueing theory the load tests compare against: the Erlang C mean time in an M/M/c system, and
// Little's law as a check on a run's own numbers.
#pragma once

#include "sim/timing/loadresult.h"

#include <cmath>

namespace pipelab::timing::testing {

// Erlang C: mean time in an M/M/c system, W = C(c, a) / (cμ - λ) + 1/μ (rates per second).
inline double erlangCMeanSeconds(int c, double lambda, double mu)
{
    const double a = lambda / mu;
    const double rho = a / c;
    double term = 1; // a^k / k!
    double sum = 0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double tail = term / (1 - rho); // a^c / c! / (1 - ρ)
    const double waitProbability = tail / (sum + tail);
    return waitProbability / (c * mu - lambda) + 1 / mu;
}

// L = λW over the run's departures, within `tolerance` (relative). Requests in flight at the
// window's edges make the two sides differ slightly in a finite run.
inline bool obeysLittlesLaw(const LoadResult& r, double tolerance = 0.02)
{
    const double lambdaW = r.departureRate * r.meanSojournS;
    return std::abs(r.meanInSystem - lambdaW) <= tolerance * lambdaW;
}

} // namespace pipelab::timing::testing
