// GUI timings: launch to painted graph, analysis-done to painted, expanding one block,
// "expand all", and the longest stall of the GUI thread while opening. Run from the
// build tree: bench/prunescope-gui-bench MODEL.pt [MODEL.pt...] (offscreen is fine).
#include "engine/engine_client.h"
#include "graph/box_item.h"
#include "graph/graph_controller.h"
#include "graph/graph_scene.h"
#include "window/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>

using namespace prunescope::ui;

namespace {

// Longest gap between ticks of a 5 ms timer: how long the GUI thread was blocked.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_timer.start(5);
    }
    qint64 stop()
    {
        m_timer.stop();
        return m_worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_worst = 0;
};

bool wait(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(600000); }

double paint(MainWindow& window)
{
    QElapsedTimer t;
    t.start();
    window.repaint();
    QCoreApplication::processEvents();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer launch;
    launch.start();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s MODEL.pt [MODEL.pt ...] [--expand-all MODEL.pt]\n", argv[0]);
        return 2;
    }
    std::printf("%-24s %9s %11s %9s %9s %9s %11s\n", "model", "visible", "launch->", "analysis", "paint", "worst",
        "expand one");
    std::printf(
        "%-24s %9s %11s %9s %9s %9s %11s\n", "", "items", "painted ms", "->drawn", "ms", "stall ms", "block ms");
    bool expandAll = false;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--expand-all")) {
            expandAll = true;
            continue;
        }
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        qint64 analysisDone = -1;
        QObject::connect(window.engine(), &EngineClient::finished, &window,
            [&](int, const QJsonObject&) { analysisDone = clock.elapsed(); });
        StallMeter stalls;
        stalls.start();
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openModel(arg);
        if (!wait(ready)) {
            std::fprintf(stderr, "%s: no graph: %s\n", argv[i], qPrintable(window.lastError()));
            return 1;
        }
        const double paintMs = paint(window);
        const qint64 drawn = clock.elapsed();
        const qint64 worst = stalls.stop();
        const qint64 sinceLaunch = i == 1 ? launch.elapsed() : drawn;
        // Expanding one collapsed block (the first one, if any).
        double expandMs = -1;
        for (auto* box : window.scene()->boxItems()) {
            if (box->isExpanded())
                continue;
            QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
            QElapsedTimer t;
            t.start();
            window.graph()->toggle(box->module());
            wait(applied);
            paint(window);
            expandMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
            break;
        }
        std::printf("%-24s %9d %11lld %9lld %9.1f %9lld %11.1f\n", qPrintable(QFileInfo(arg).fileName()),
            static_cast<int>(window.scene()->nodeItems().size() + window.scene()->boxItems().size()),
            static_cast<long long>(sinceLaunch), static_cast<long long>(drawn - analysisDone), paintMs,
            static_cast<long long>(worst), expandMs);
        if (expandAll) {
            expandAll = false;
            QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
            QElapsedTimer t;
            t.start();
            stalls.start();
            window.graph()->expandAllBelow(QString());
            wait(applied);
            paint(window);
            std::printf("  expand all: %.0f ms, %d nodes visible, worst GUI stall %lld ms\n",
                static_cast<double>(t.nsecsElapsed()) / 1e6, static_cast<int>(window.scene()->nodeItems().size()),
                static_cast<long long>(stalls.stop()));
        }
        std::fflush(stdout);
    }
    return 0;
}
