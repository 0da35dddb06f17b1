// SPDX-License-Identifier: MIT
#include "graph/far_style.h"

#include "graph/graph_colors.h"
#include "graph/heat_scale.h"
#include "graph/node_item.h"

namespace prunescope::ui {

namespace {

FarStyle makeStyle(const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    FarStyle s;
    s.edge = QPen(edgeColor(palette), 0);
    s.edgeLit = QPen(palette.color(QPalette::Highlight), 0);
    s.border = QPen(edgeColor(palette), 0);
    s.conflict = QPen(conflictColor(palette), 0);
    s.selected = QPen(palette.color(QPalette::Highlight), 0);
    for (int i = 0; i < kSetColorCount; ++i) {
        s.setBorder[static_cast<size_t>(i)] = QPen(setColor(i), 0);
        s.setFill[static_cast<size_t>(i)] = setFill(i, dark);
    }
    s.base = palette.brush(QPalette::Base);
    s.function = palette.brush(QPalette::AlternateBase);
    s.modelIo = QBrush(modelIoFill(palette));
    return s;
}

} // namespace

const QPen& FarStyle::nodePen(const NodeLook& look, bool isSelected) const
{
    const int set = look.colorIndex >= 0 ? look.colorIndex % kSetColorCount : -1;
    return isSelected       ? selected
        : look.maskConflict ? conflict
        : set >= 0          ? setBorder[static_cast<size_t>(set)]
                            : border;
}

QBrush FarStyle::nodeBrush(const NodeLook& look) const
{
    const int set = look.colorIndex >= 0 ? look.colorIndex % kSetColorCount : -1;
    if (look.isModelIo)
        return modelIo;
    if (look.heat >= 0)
        return heatColor(look.heat);
    return set >= 0 ? setFill[static_cast<size_t>(set)] : look.isFunction ? function : base;
}

QBrush FarStyle::nodeHatch(const NodeLook& look)
{
    // A pattern brush is drawn in device pixels, so it shows on a node of a few pixels.
    if (look.colorIndex < 0 || setPattern(look.colorIndex) == Qt::SolidPattern)
        return Qt::NoBrush;
    QColor hatch = setColor(look.colorIndex);
    hatch.setAlpha(110);
    return QBrush(hatch, setPattern(look.colorIndex));
}

const FarStyle& FarStyle::of(const QPalette& palette)
{
    // The GUI thread's alone: items paint there.
    static FarStyle style;
    static qint64 key = -1;
    if (palette.cacheKey() != key) {
        style = makeStyle(palette);
        key = palette.cacheKey();
    }
    return style;
}

} // namespace prunescope::ui
