// SPDX-License-Identifier: MIT
#pragma once
// The app's modes without a user: open a model, wait for its graph, write something
// and exit. For docs, tests and bug reports.
#include <QString>

class QApplication;

namespace prunescope::ui {
class MainWindow;
}

namespace prunescope::app {

// Grabs the window (after loading `masks`, raising `dock`, and fitting the graph with
// `fit`, if given) into `out`.
int screenshot(QApplication& app, ui::MainWindow& window, const QString& out, const QString& masks, const QString& dock,
    bool fit = false);
// Writes the graph's layout as JSON (see ui/graph/layout_dump.h), every box expanded
// with `expandAll`.
int dumpLayout(QApplication& app, ui::MainWindow& window, const QString& out, bool expandAll);

} // namespace prunescope::app
