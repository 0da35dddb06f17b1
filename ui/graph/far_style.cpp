// SPDX-License-Identifier: MIT
#include "graph/far_style.h"

#include "graph/graph_colors.h"

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
