// SPDX-License-Identifier: MIT
#include "headless.h"

#include "graph/graph_controller.h"
#include "graph/graph_navigator.h"
#include "graph/layout_dump.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using prunescope::ui::MainWindow;

namespace prunescope::app {

namespace {

// A failed open or mask load ends the run with exit 3; no graph in 5 minutes with 1.
void exitOnFailure(QApplication& app, MainWindow& window, int& code)
{
    QObject::connect(
        window.masksPanel(), &ui::MasksPanel::failed, &app, [&app, &code](const QString&, const QString& message) {
            std::fprintf(stderr, "prunescope: %s\n", qPrintable(message));
            code = 3;
            app.exit(3);
        });
    QObject::connect(&window, &MainWindow::openFailed, &app, [&app, &code](const QString& message) {
        std::fprintf(stderr, "prunescope: %s\n", qPrintable(message));
        code = 3;
        app.exit(3);
    });
    QTimer::singleShot(300000, &app, [&app, &code] {
        std::fprintf(stderr, "prunescope: no graph after 5 minutes, giving up\n");
        code = 1;
        app.exit(1);
    });
}

} // namespace

int screenshot(
    QApplication& app, MainWindow& window, const QString& out, const QString& masks, const QString& dock, bool fit)
{
    int code = 1;
    auto save = [&] {
        QTimer::singleShot(300, &app, [&] { // let the view paint once at its final size
            // A raised dock shrank the view: frame the highlight (a chosen set) again.
            if (window.scene()->hasHighlight())
                window.navigator()->frameHighlight();
            if (window.grab().save(out)) {
                std::fprintf(stdout, "prunescope: %s (%zu ops): screenshot written to %s\n",
                    qPrintable(QFileInfo(window.modelPath()).fileName()),
                    static_cast<size_t>(window.report()->opCount()), qPrintable(out));
                code = 0;
            } else {
                std::fprintf(stderr, "prunescope: cannot write the screenshot %s\n", qPrintable(out));
            }
            app.quit();
        });
    };
    auto grab = [&] {
        if (!dock.isEmpty() && !window.raiseDock(dock)) {
            std::fprintf(stderr,
                "prunescope: no dock named %s (flops, charts, masks, legend, dependencySets, properties, modules)\n",
                qPrintable(dock));
            app.exit(2);
            code = 2;
            return;
        }
        if (!fit) {
            save();
            return;
        }
        // Fit may fold the graph and lay it out again: the picture waits for it.
        QObject::connect(window.navigator(), &ui::GraphNavigator::fitted, &app, save, Qt::SingleShotConnection);
        window.navigator()->fit();
    };
    QObject::connect(&window, &MainWindow::modelReady, &app, [&] {
        if (masks.isEmpty()) {
            grab();
            return;
        }
        // After the window brought the Masks dock forward for the loaded masks: the dock
        // asked for comes in front of it.
        QObject::connect(window.masksPanel(), &ui::MasksPanel::masksLoaded, &app, grab, Qt::SingleShotConnection);
        window.masksPanel()->loadMasks(masks);
    });
    exitOnFailure(app, window, code);
    app.exec();
    return code;
}

int dumpLayout(QApplication& app, MainWindow& window, const QString& out, bool expandAll)
{
    int code = 1;
    auto write = [&] {
        const QString error = ui::writeLayoutDump(*window.scene(), out);
        if (error.isEmpty()) {
            std::fprintf(stdout, "prunescope: %s: layout of %lld nodes, %lld boxes, %lld edges written to %s\n",
                qPrintable(QFileInfo(window.modelPath()).fileName()),
                static_cast<long long>(window.scene()->nodeItems().size()),
                static_cast<long long>(window.scene()->boxItems().size()),
                static_cast<long long>(window.scene()->edgeItems().size()), qPrintable(out));
            code = 0;
        } else {
            std::fprintf(stderr, "prunescope: %s\n", qPrintable(error));
            code = 3;
        }
        app.quit();
    };
    QObject::connect(&window, &MainWindow::modelReady, &app, [&] {
        if (!expandAll) {
            write();
            return;
        }
        QObject::connect(window.graph(), &ui::GraphController::layoutApplied, &app, write, Qt::SingleShotConnection);
        window.graph()->expandAllBelow(QString());
    });
    exitOnFailure(app, window, code);
    app.exec();
    return code;
}

} // namespace prunescope::app
