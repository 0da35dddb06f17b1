// SPDX-License-Identifier: MIT
#include "graph/set_palette.h"

#include <array>

namespace prunescope::ui {

namespace {

// Okabe & Ito (2008) without black, then Tol's "muted" scheme.
constexpr std::array<QRgb, kSetColorCount> kColors { 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00,
    0xCC79A7, 0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE, 0x882255, 0x44AA99, 0x999933, 0xAA4499 };

} // namespace

QColor setColor(int index)
{
    if (index < 0)
        return QColor(0x99, 0x99, 0x99);
    return QColor(kColors[static_cast<size_t>(index) % kColors.size()]);
}

Qt::BrushStyle setPattern(int index)
{
    const int round = index < 0 ? 0 : index / static_cast<int>(kColors.size());
    static constexpr Qt::BrushStyle kStyles[]
        = { Qt::SolidPattern, Qt::BDiagPattern, Qt::FDiagPattern, Qt::DiagCrossPattern };
    return kStyles[round % 4];
}

QBrush setFill(int index, bool darkTheme)
{
    const QColor color = setColor(index);
    const QColor base = darkTheme ? QColor(40, 40, 44) : QColor(255, 255, 255);
    const double strength = darkTheme ? 0.55 : 0.45;
    return QBrush(QColor::fromRgbF(base.redF() + (color.redF() - base.redF()) * strength,
        base.greenF() + (color.greenF() - base.greenF()) * strength,
        base.blueF() + (color.blueF() - base.blueF()) * strength));
}

} // namespace prunescope::ui
