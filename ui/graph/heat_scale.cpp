// SPDX-License-Identifier: MIT
#include "graph/heat_scale.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace prunescope::ui {

namespace {

// ColorBrewer YlOrRd, 9 classes (Brewer, Harrower & Hopkins, 2003).
constexpr std::array<QRgb, 9> kStops { 0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xbd0026,
    0x800026 };

} // namespace

QColor heatColor(double t)
{
    const double scaled = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * (kStops.size() - 1);
    const auto i = std::min(kStops.size() - 2, static_cast<size_t>(scaled));
    const double f = scaled - static_cast<double>(i);
    const QColor a(kStops[i]);
    const QColor b(kStops[i + 1]);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
        static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
        static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

double heatPosition(double value, double largest)
{
    return largest > 0 ? std::sqrt(std::clamp(value / largest, 0.0, 1.0)) : 0.0;
}

double heatValueAt(double t, double largest) { return std::clamp(t, 0.0, 1.0) * std::clamp(t, 0.0, 1.0) * largest; }

} // namespace prunescope::ui
