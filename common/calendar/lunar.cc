#include "common/calendar/lunar.h"

#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"

namespace lawenforce::calendar {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kJ2000 = 2451545.0;

double Rad(double degrees) { return degrees * kPi / 180.0; }
double SinD(double degrees) { return std::sin(Rad(degrees)); }
double CosD(double degrees) { return std::cos(Rad(degrees)); }
double Mod360(double degrees) {
  const double m = std::fmod(degrees, 360.0);
  return m < 0 ? m + 360.0 : m;
}

// TT - UT in seconds (Espenak and Meeus, NASA's five-millennium canon).
double DeltaTSeconds(double year) {
  if (year < 1920) {
    const double t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * t * t * t * t;
  }
  if (year < 1941) {
    const double t = year - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (year < 1961) {
    const double t = year - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (year < 1986) {
    const double t = year - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (year < 2005) {
    const double t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
  }
  if (year < 2050) {
    const double t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (year - 1820) / 100;
  if (year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

// The UTC+8 civil day of a dynamical-time Julian ephemeris day.
absl::CivilDay CstDayOf(double jde) {
  const double year = 2000.0 + (jde - kJ2000) / 365.25;
  const double jd_ut = jde - DeltaTSeconds(year) / 86400.0;
  const double jdn = std::floor(jd_ut + 0.5 + 8.0 / 24.0);  // Julian day number of the CST day
  return absl::CivilDay(1970, 1, 1) + static_cast<int64_t>(jdn - 2440588.0);
}

// JDE of the mean-lunation-`k` new moon (k = 0: 2000-01-06), Meeus ch. 49.
double NewMoon(int k) {
  const double t = k / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde =
      2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const double mp =
      201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const double f =
      160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double om = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  jde += -0.40720 * SinD(mp) + 0.17241 * e * SinD(m) + 0.01608 * SinD(2 * mp) +
         0.01039 * SinD(2 * f) + 0.00739 * e * SinD(mp - m) - 0.00514 * e * SinD(mp + m) +
         0.00208 * e * e * SinD(2 * m) - 0.00111 * SinD(mp - 2 * f) - 0.00057 * SinD(mp + 2 * f) +
         0.00056 * e * SinD(2 * mp + m) - 0.00042 * SinD(3 * mp) + 0.00042 * e * SinD(m + 2 * f) +
         0.00038 * e * SinD(m - 2 * f) - 0.00024 * e * SinD(2 * mp - m) - 0.00017 * SinD(om) -
         0.00007 * SinD(mp + 2 * m) + 0.00004 * SinD(2 * mp - 2 * f) + 0.00004 * SinD(3 * m) +
         0.00003 * SinD(mp + m - 2 * f) + 0.00003 * SinD(2 * mp + 2 * f) -
         0.00003 * SinD(mp + m + 2 * f) + 0.00003 * SinD(mp - m + 2 * f) -
         0.00002 * SinD(mp - m - 2 * f) - 0.00002 * SinD(3 * mp + m) + 0.00002 * SinD(4 * mp);
  // Planetary arguments.
  const double a[14] = {299.77 + 0.107408 * k - 0.009173 * t2,
                        251.88 + 0.016321 * k,
                        251.83 + 26.651886 * k,
                        349.42 + 36.412478 * k,
                        84.66 + 18.206239 * k,
                        141.74 + 53.303771 * k,
                        207.14 + 2.453732 * k,
                        154.84 + 7.306860 * k,
                        34.52 + 27.261239 * k,
                        207.19 + 0.121824 * k,
                        291.34 + 1.844379 * k,
                        161.72 + 24.198154 * k,
                        239.56 + 25.513099 * k,
                        331.55 + 3.592518 * k};
  const double w[14] = {0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062, 0.000060,
                        0.000056, 0.000047, 0.000042, 0.000040, 0.000037, 0.000035, 0.000023};
  for (int i = 0; i < 14; ++i) jde += w[i] * SinD(a[i]);
  return jde;
}

// The Sun's apparent geocentric longitude in degrees at `jde`
// (Calendrical Calculations, "solar-longitude").
double SolarLongitude(double jde) {
  static constexpr double kX[] = {403406, 195207, 119433, 112392, 3891, 2819, 1721, 660, 350, 334,
                                  314,    268,    242,    234,    158,  132,  129,  114, 99,  93,
                                  86,     78,     72,     68,     64,   46,   38,   37,  32,  29,
                                  28,     27,     27,     25,     24,   21,   21,   20,  18,  17,
                                  14,     13,     13,     13,     12,   10,   10,   10,  10};
  static constexpr double kZ[] = {
      0.9287892,  35999.1376958, 35999.4089666, 35998.7287385, 71998.20261, 71998.4403, 36000.35726,
      71997.4812, 32964.4678,    -19.4410,      445267.1117,   45036.8840,  3.1008,     22518.4434,
      -19.9739,   65928.9345,    9038.0293,     3034.7684,     33718.148,   3034.448,   -2280.773,
      29929.992,  31556.493,     149.588,       9037.750,      107997.405,  -4444.176,  151.771,
      67555.316,  31556.080,     -4561.540,     107996.706,    1221.655,    62894.167,  31437.369,
      14578.298,  -31931.757,    34777.243,     1221.999,      62894.511,   -4442.039,  107997.909,
      119.066,    16859.071,     -4.578,        26895.292,     -39.127,     12297.536,  90073.778};
  static constexpr double kY[] = {
      270.54861, 340.19128, 63.91854, 331.26220, 317.843, 86.631, 240.052, 310.26, 247.23, 260.87,
      297.82,    343.14,    166.79,   81.53,     3.50,    132.75, 182.95,  162.03, 29.8,   266.4,
      249.2,     157.6,     257.8,    185.1,     69.9,    8.0,    197.1,   250.4,  65.3,   162.7,
      341.5,     291.6,     98.5,     146.7,     110.0,   5.2,    342.6,   230.9,  256.1,  45.3,
      242.9,     115.2,     151.8,    285.3,     53.3,    126.6,  205.7,   85.9,   146.1};
  static_assert(std::size(kX) == std::size(kY) && std::size(kX) == std::size(kZ));
  const double c = (jde - kJ2000) / 36525.0;
  double sum = 0;
  for (size_t i = 0; i < std::size(kX); ++i) sum += kX[i] * SinD(kY[i] + kZ[i] * c);
  const double lambda = 282.7771834 + 36000.76953744 * c + 0.000005729577951308232 * sum;
  const double aberration = 0.0000974 * CosD(177.63 + 35999.01848 * c) - 0.005575;
  const double a = 124.90 - 1934.134 * c + 0.002063 * c * c;
  const double b = 201.11 + 72001.5377 * c + 0.00057 * c * c;
  const double nutation = -0.004778 * SinD(a) - 0.0003667 * SinD(b);
  return Mod360(lambda + aberration + nutation);
}

// JDE at which the Sun reaches `degrees`, searched in the 40 days around
// the estimate `near` (bisection to well under a second).
double SolarLongitudeMoment(double degrees, double near) {
  double lo = near - 20, hi = near + 20;
  auto ahead = [&](double jde) {  // signed angle from target to the Sun, in (-180, 180]
    double d = Mod360(SolarLongitude(jde) - degrees);
    return d > 180 ? d - 360 : d;
  };
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (ahead(mid) < 0) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

// Mean estimate of when the Sun reaches `degrees` in Gregorian `year`:
// it is at 0° near 20 March and moves 360° a tropical year; the terms of
// early January to mid March (285°..345°) belong to the year's start.
double EstimateSolarTerm(int year, double degrees) {
  constexpr double kTropicalYear = 365.2422;
  const double march_equinox = kJ2000 + 79.0 + kTropicalYear * (year - 2000);
  double offset = Mod360(degrees) / 360.0 * kTropicalYear;
  if (offset > 285) offset -= kTropicalYear;
  return march_equinox + offset;
}

// Index k of the last new moon whose CST day is on or before `day`.
int NewMoonOnOrBefore(absl::CivilDay day) {
  const double jd = 2440588.0 + static_cast<double>(day - absl::CivilDay(1970, 1, 1));
  int k = static_cast<int>(std::floor((jd - 2451550.09766) / 29.530588861)) + 1;
  while (CstDayOf(NewMoon(k)) > day) --k;
  while (CstDayOf(NewMoon(k + 1)) <= day) ++k;
  return k;
}

}  // namespace

absl::CivilDay SolarTermDay(int year, double degrees) {
  return CstDayOf(SolarLongitudeMoment(degrees, EstimateSolarTerm(year, degrees)));
}

absl::StatusOr<LunarFestivals> FestivalsOf(int year) {
  if (year < 1901 || year > 2199) {
    return absl::OutOfRangeError(
        absl::StrCat("lunar dates are computed for 1901..2199, not ", year));
  }
  // The suì from the 11th month containing the December solstice of
  // year - 1 to the one containing that of year.
  const absl::CivilDay solstice_before = SolarTermDay(year - 1, 270);
  const absl::CivilDay solstice = SolarTermDay(year, 270);
  const int first = NewMoonOnOrBefore(solstice_before);
  const int last = NewMoonOnOrBefore(solstice);
  std::vector<absl::CivilDay> starts;
  for (int k = first; k <= last; ++k) starts.push_back(CstDayOf(NewMoon(k)));
  // The major solar terms (multiples of 30°) from that solstice on.
  std::vector<absl::CivilDay> major_terms;
  for (int i = 0; i <= 12; ++i) {
    major_terms.push_back(SolarTermDay(i == 0 ? year - 1 : year, Mod360(270 + 30.0 * i)));
  }
  const size_t months = starts.size() - 1;  // 12 or 13 between the two 11th months
  int leap = -1;                            // index into starts
  if (months == 13) {
    for (size_t i = 0; i < months; ++i) {
      bool has_major = false;
      for (absl::CivilDay t : major_terms) {
        if (t >= starts[i] && t < starts[i + 1]) has_major = true;
      }
      if (!has_major) {
        leap = static_cast<int>(i);
        break;
      }
    }
  }
  // Number the months: starts[0] is the 11th.
  int number = 11;
  absl::CivilDay month_start[13] = {};
  for (size_t i = 0; i < months; ++i) {
    if (i > 0 && static_cast<int>(i) != leap) number = number % 12 + 1;
    if (static_cast<int>(i) != leap && number >= 1 && number <= 12) month_start[number] = starts[i];
  }
  LunarFestivals f;
  f.spring_festival = month_start[1];
  f.new_years_eve = month_start[1] - 1;
  f.qingming = SolarTermDay(year, 15);
  f.dragon_boat = month_start[5] + 4;
  f.mid_autumn = month_start[8] + 14;
  return f;
}

}  // namespace lawenforce::calendar
