// SPDX-License-Identifier: MIT
#pragma once
// Short numbers for axes and scales: 1.8e9 -> "1.8G", 118013952 -> "118M", 2500 -> "2.5K",
// and tick positions at round steps (1, 2 or 5 times a power of ten).
#include <QString>
#include <QVector>

namespace prunescope::ui {

// Three significant digits at most, trailing zeros dropped, with K, M, G, T or P.
QString siNumber(double value);
// Ticks from 0 to at least `largest` at a round step, about `wanted` of them (0 alone for
// a non-positive or non-finite largest).
QVector<double> niceTicks(double largest, int wanted);

} // namespace prunescope::ui
