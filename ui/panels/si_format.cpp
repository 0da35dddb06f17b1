// SPDX-License-Identifier: MIT
#include "panels/si_format.h"

#include <array>
#include <cmath>

namespace prunescope::ui {

QString siNumber(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    static constexpr std::array<char, 6> kPrefixes { 0, 'K', 'M', 'G', 'T', 'P' };
    const double magnitude = std::fabs(value);
    size_t prefix = 0;
    double scaled = magnitude;
    while (scaled >= 999.5 && prefix + 1 < kPrefixes.size()) {
        scaled /= 1000;
        ++prefix;
    }
    // Three significant digits: 1.23, 12.3, 123.
    const int decimals = scaled >= 99.95 ? 0 : scaled >= 9.995 ? 1 : 2;
    QString text = QString::number(scaled, 'f', prefix == 0 && scaled == std::floor(scaled) ? 0 : decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    if (value < 0)
        text.prepend(QLatin1Char('-'));
    if (kPrefixes[prefix] != 0)
        text += QLatin1Char(kPrefixes[prefix]);
    return text;
}

QVector<double> niceTicks(double largest, int wanted)
{
    if (!(largest > 0) || !std::isfinite(largest) || wanted < 2)
        return { 0.0 };
    const double rough = largest / (wanted - 1);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power * 10;
    for (const double factor : { 1.0, 2.0, 5.0, 10.0 })
        if (power * factor >= rough) {
            step = power * factor;
            break;
        }
    QVector<double> ticks;
    for (int i = 0; ticks.isEmpty() || ticks.back() < largest * (1 - 1e-9); ++i)
        ticks << step * i;
    return ticks;
}

} // namespace prunescope::ui
