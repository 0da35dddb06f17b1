// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsItem>

namespace prunescope::ui {

// Sets one drawn property of a graph item; true when it changed. A caller restyling
// thousands of items passes repaint = false and updates their region once.
template <typename T> bool setDrawnState(QGraphicsItem& item, T& field, const T& value, bool repaint)
{
    if (field == value)
        return false;
    field = value;
    if (repaint)
        item.update();
    return true;
}

} // namespace prunescope::ui
