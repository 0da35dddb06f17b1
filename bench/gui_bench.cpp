// GUI timings: launch to painted graph, analysis-done to painted, expanding one block,
// "expand all", and the longest stall of the GUI thread while opening; with --masks,
// loading a mask file into the next model and fixing all its conflicts. Run from the
// build tree: bench/prunescope-gui-bench [--masks M.pth] MODEL.pt [MODEL.pt...]
// (offscreen is fine; bench/make_bench_masks.py writes masks for a torchvision model).
#include "engine/session.h"
#include "graph/box_item.h"
#include "graph/graph_controller.h"
#include "graph/graph_scene.h"
#include "panels/conflict_list_model.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

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

double msSince(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// Masks dock on the open model: request to conflicts listed and graph repainted, then
// Fix All (union) to masks updated and repainted, each with the worst GUI stall.
bool timeMasks(MainWindow& window, const QString& masks, StallMeter& stalls)
{
    QSignalSpy changed(&window, &MainWindow::masksChanged);
    QElapsedTimer t;
    t.start();
    stalls.start();
    window.masksPanel()->loadMasks(masks);
    if (!wait(changed)) {
        std::fprintf(stderr, "%s: masks not loaded: %s\n", qPrintable(masks), qPrintable(window.lastError()));
        return false;
    }
    paint(window);
    const double loadMs = msSince(t);
    const qint64 loadStall = stalls.stop();
    const int conflicts = window.masksPanel()->conflicts()->conflictCount();
    changed.clear();
    t.restart();
    stalls.start();
    window.masksPanel()->fixAll();
    if (!wait(changed)) {
        std::fprintf(stderr, "%s: fix all failed: %s\n", qPrintable(masks), qPrintable(window.lastError()));
        return false;
    }
    paint(window);
    std::printf("  masks %s: load->drawn %.0f ms (%d conflicting sets, worst stall %lld ms); fix all->drawn %.0f ms "
                "(%d left, worst stall %lld ms)\n",
        qPrintable(QFileInfo(masks).fileName()), loadMs, conflicts, static_cast<long long>(loadStall), msSince(t),
        window.masksPanel()->conflicts()->conflictCount(), static_cast<long long>(stalls.stop()));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer launch;
    launch.start();
    QApplication app(argc, argv);
    // The worker is in the build tree's app/, not beside this program.
    if (qEnvironmentVariableIsEmpty("PRUNESCOPE_CLI"))
        qputenv("PRUNESCOPE_CLI",
            QFileInfo(QCoreApplication::applicationDirPath() + "/../app/prunescope-cli")
                .absoluteFilePath()
                .toLocal8Bit());
    if (argc < 2) {
        std::fprintf(stderr,
            "usage: %s [--expand-all] [--masks M.pth] MODEL.pt [[--expand-all] [--masks M.pth] MODEL.pt ...]\n",
            argv[0]);
        return 2;
    }
    std::printf("%-24s %9s %11s %9s %9s %9s %11s\n", "model", "visible", "launch->", "analysis", "paint", "worst",
        "expand one");
    std::printf(
        "%-24s %9s %11s %9s %9s %9s %11s\n", "", "items", "painted ms", "->drawn", "ms", "stall ms", "block ms");
    bool expandAll = false;
    QString masks; // for the next model
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--expand-all")) {
            expandAll = true;
            continue;
        }
        if (arg == QLatin1String("--masks") && i + 1 < argc) {
            masks = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        qint64 analysisDone = -1;
        QObject::connect(window.session(), &Session::reportChanged, &window, [&] { analysisDone = clock.elapsed(); });
        StallMeter stalls;
        stalls.start();
        QSignalSpy ready(&window, &MainWindow::modelReady);
        QObject::connect(&window, &MainWindow::openFailed, &app, [&](const QString& message) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(arg), qPrintable(message));
            std::exit(1);
        });
        window.openModel(arg);
        if (!wait(ready)) {
            std::fprintf(stderr, "%s: no graph: %s\n", argv[i], qPrintable(window.lastError()));
            return 1;
        }
        const double paintMs = paint(window);
        const qint64 drawn = clock.elapsed();
        const qint64 worst = stalls.stop();
        const auto firstLayout = window.graph()->lastTimings();
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
        std::printf("  first view: layout %.0f ms off the GUI thread, scene %.0f ms on it\n", firstLayout.computeMs,
            firstLayout.sceneMs);
        if (expandAll) {
            expandAll = false;
            QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
            QElapsedTimer t;
            t.start();
            stalls.start();
            window.graph()->expandAllBelow(QString());
            wait(applied);
            paint(window);
            const auto timings = window.graph()->lastTimings();
            std::printf("  expand all: %.0f ms (layout %.0f ms off the GUI thread, scene %.0f ms on it), %d nodes "
                        "visible, worst GUI stall %lld ms\n",
                static_cast<double>(t.nsecsElapsed()) / 1e6, timings.computeMs, timings.sceneMs,
                static_cast<int>(window.scene()->nodeItems().size()), static_cast<long long>(stalls.stop()));
        }
        if (!masks.isEmpty() && !timeMasks(window, masks, stalls))
            return 1;
        masks.clear();
        std::fflush(stdout);
    }
    return 0;
}
