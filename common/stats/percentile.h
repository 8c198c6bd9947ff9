#ifndef LAWENFORCE_COMMON_STATS_PERCENTILE_H_
#define LAWENFORCE_COMMON_STATS_PERCENTILE_H_

// Percentiles of the figures services report (handling days, days to a
// decision), one method for the whole suite so that a p90 from
// supervision-service and one from case-service mean the same thing.

#include <vector>

namespace lawenforce::stats {

// The nearest-rank percentile of `sorted` (ascending): the smallest value
// such that at least the fraction `p` of the values are at most it, that
// is the value at rank ceil(p * n) (1-based, at least 1). `p` in (0, 1];
// 0 for an empty list.
double NearestRankPercentile(const std::vector<double>& sorted, double p);

}  // namespace lawenforce::stats

#endif  // LAWENFORCE_COMMON_STATS_PERCENTILE_H_
