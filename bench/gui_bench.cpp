// SPDX-License-Identifier: MIT
// GUI timings through the real window and worker: time to the first view of a model
// (open -> graph laid out and painted by the app), the worst stall of the GUI thread meanwhile (the
// longest gap between ticks of a 16 ms timer), expanding one block, "expand all", a
// prune-type and a FLOPs-mode switch, and the bytes the worker sent for each request;
// with --masks, loading a mask file into the next model and fixing all its conflicts.
// Run from the build tree (offscreen is fine):
//   bench/prunescope-gui-bench [--expand-all] [--masks M.pth] [--input SHAPES] MODEL.pt [...]
// Options apply to the next model. Each model ends with one "@result {JSON}" line, which
// bench/run_bench.py --scale reads (it runs this on the scale models).
#include "engine/engine_client.h"
#include "engine/reply_decoder.h"
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
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace prunescope;
using namespace prunescope::ui;

namespace {

// Longest gap between ticks of a 16 ms timer (a frame): how long the GUI thread was blocked.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
        m_timer.setTimerType(Qt::PreciseTimer);
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_timer.start(16);
    }
    qint64 stop()
    {
        m_timer.stop();
        m_worst = std::max(m_worst, m_clock.elapsed() - m_last);
        return m_worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_worst = 0;
};

bool wait(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(900000); }

// Paint events the window's widgets received (TimedApplication counts them).
int g_paints = 0;

// Waits until the app has drawn what a step changed: its own next paint, as a user sees
// it, then whatever else it had queued. Not a repaint forced by the bench: the app never
// does one, and it put a whole-window paint right behind each reply, in the same stall.
void drawn(MainWindow& window)
{
    const int before = g_paints;
    QElapsedTimer waited;
    waited.start();
    while (g_paints == before && waited.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    if (g_paints == before)
        window.repaint(); // the step changed nothing on screen
    QCoreApplication::processEvents();
}

double msSince(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// Bytes the worker sent since `from`.
qint64 bytes(MainWindow& window, qint64 from) { return window.session()->client()->bytesReceived() - from; }

// The GUI thread's CPU time, to tell a stall the app caused from one where the thread
// waited for a core (the bench machine is shared: a busy one stretches every gap).
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// The most CPU the GUI thread spent on one event (or one direct call of the bench's) since
// the last reset: the part of the worst stall that is the app's own work.
double g_worstEventCpuMs = 0;

template <typename Call> void timedCall(Call call)
{
    const double before = threadCpuMs();
    call();
    g_worstEventCpuMs = std::max(g_worstEventCpuMs, threadCpuMs() - before);
}

struct Measure {
    double ms = 0;
    qint64 stall = 0;
    double cpuStall = 0; // CPU ms of the heaviest single event in it
    double guiCpu = 0; // the GUI thread's CPU ms over the whole step
    qint64 bytes = 0;
    double lastLineMs = -1; // when the worker's largest line came (the reply, received)
    double decodedMs = -1; // when the session had the reply decoded
};

bool g_listEvents = qEnvironmentVariableIsSet("PRUNESCOPE_BENCH_EVENTS");

// Runs `action`, waits for `spy` and the paint after it: time, worst stall and bytes
// received. `step` heads the events listed with PRUNESCOPE_BENCH_EVENTS.
template <typename Action>
Measure measure(const char* step, MainWindow& window, QSignalSpy& spy, StallMeter& stalls, Action action)
{
    if (g_listEvents)
        std::fprintf(stderr, "step %s:\n", step);
    spy.clear();
    const qint64 before = window.session()->client()->bytesReceived();
    QElapsedTimer t;
    t.start();
    double lastLine = -1, decoded = -1;
    qsizetype largest = 0;
    const auto lines = QObject::connect(
        window.session()->client(), &EngineClient::lineReceived, &window, [&](const QByteArray& line) {
            if (line.size() < largest)
                return;
            largest = line.size();
            lastLine = msSince(t);
        });
    const auto states = QObject::connect(window.session(), &Session::stateChanged, &window, [&] {
        if (decoded < 0)
            decoded = msSince(t);
    });
    stalls.start();
    g_worstEventCpuMs = 0;
    const double cpuBefore = threadCpuMs();
    timedCall(action);
    if (!wait(spy)) {
        std::fprintf(stderr, "no answer: %s\n", qPrintable(window.lastError()));
        std::exit(1);
    }
    drawn(window); // its events are timed one by one (TimedApplication)
    QObject::disconnect(lines);
    QObject::disconnect(states);
    const double ms = msSince(t);
    return { ms, stalls.stop(), g_worstEventCpuMs, threadCpuMs() - cpuBefore, bytes(window, before), lastLine,
        decoded };
}

// `what`_ms, `what`_stall_ms and `what`_bytes into the bench's result line.
void record(QJsonObject& result, const char* what, const Measure& m)
{
    const QString key = QLatin1String(what);
    result[key + "_ms"] = m.ms;
    result[key + "_stall_ms"] = m.stall;
    result[key + "_stall_cpu_ms"] = m.cpuStall;
    result[key + "_gui_cpu_ms"] = m.guiCpu;
    result[key + "_bytes"] = m.bytes;
}

void timeMasks(MainWindow& window, const QString& masks, StallMeter& stalls, QJsonObject& result)
{
    QSignalSpy changed(&window, &MainWindow::masksChanged);
    const Measure load = measure("masks load", window, changed, stalls, [&] { window.masksPanel()->loadMasks(masks); });
    const int conflicts = window.masksPanel()->conflicts()->conflictCount();
    const Measure fix = measure("fix all", window, changed, stalls, [&] { window.masksPanel()->fixAll(); });
    std::printf("  masks %s: load->drawn %.0f ms (%d conflicting sets, stall %lld ms, %lld bytes); fix all->drawn "
                "%.0f ms (%d left, stall %lld ms, %lld bytes)\n",
        qPrintable(QFileInfo(masks).fileName()), load.ms, conflicts, static_cast<long long>(load.stall),
        static_cast<long long>(load.bytes), fix.ms, window.masksPanel()->conflicts()->conflictCount(),
        static_cast<long long>(fix.stall), static_cast<long long>(fix.bytes));
    record(result, "masks_load", load);
    record(result, "masks_fix", fix);
    result["conflicts_before_fix"] = conflicts;
    result["conflicts_after_fix"] = window.masksPanel()->conflicts()->conflictCount();
}

// Measures the CPU the GUI thread spends on each top-level event (g_worstEventCpuMs).
// With PRUNESCOPE_BENCH_EVENTS=<ms>, also prints every event the GUI thread took longer
// than that to handle, with its receiver, to find what a stall is.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (event->type() == QEvent::Paint)
            ++g_paints;
        // Inside an event, only the paint events are timed: they say which widget a
        // window's repaint spent its time in.
        if (m_depth > 0 && (m_threshold < 0 || event->type() != QEvent::Paint))
            return QApplication::notify(receiver, event);
        const bool nested = m_depth > 0;
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        const int type = event->type();
        // The receiver may be gone afterwards (a deferred delete): named before.
        const QByteArray name = m_threshold < 0
            ? QByteArray()
            : QByteArray(receiver->metaObject()->className()) + " (" + receiver->objectName().toLocal8Bit() + ", in "
                + (receiver->parent() ? receiver->parent()->metaObject()->className() : "-") + ")";
        const bool result = QApplication::notify(receiver, event);
        const double cpuMs = threadCpuMs() - cpu;
        --m_depth;
        if (!nested)
            g_worstEventCpuMs = std::max(g_worstEventCpuMs, cpuMs);
        if (m_threshold >= 0 && t.elapsed() >= m_threshold)
            std::fprintf(stderr, "  %sevent %d to %s: %lld ms, %.0f ms CPU\n",
                nested ? "  (inside the next event) paint: " : "", type, name.constData(),
                static_cast<long long>(t.elapsed()), cpuMs);
        return result;
    }
    int m_depth = 0;
    int m_threshold = qEnvironmentVariableIsSet("PRUNESCOPE_BENCH_EVENTS")
        ? qEnvironmentVariableIntValue("PRUNESCOPE_BENCH_EVENTS")
        : -1;
};

} // namespace

int main(int argc, char** argv)
{
    TimedApplication app(argc, argv);
    // The worker is in the build tree's app/, not beside this program.
    if (qEnvironmentVariableIsEmpty("PRUNESCOPE_CLI"))
        qputenv("PRUNESCOPE_CLI",
            QFileInfo(QCoreApplication::applicationDirPath() + "/../app/prunescope-cli")
                .absoluteFilePath()
                .toLocal8Bit());
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s [--expand-all] [--masks M.pth] [--input SHAPES] MODEL.pt [...]\n", argv[0]);
        return 2;
    }
    std::printf("%-22s %7s %9s %8s %9s %8s %9s %8s %10s\n", "model", "ops", "first", "stall", "open", "expand", "prune",
        "prune", "prune type");
    std::printf("%-22s %7s %9s %8s %9s %8s %9s %8s %10s\n", "", "", "view ms", "ms", "bytes", "one ms", "type ms",
        "stall ms", "bytes");
    bool expandAll = false;
    QString masks, inputs; // for the next model
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--expand-all")) {
            expandAll = true;
            continue;
        }
        if ((arg == QLatin1String("--masks") || arg == QLatin1String("--input")) && i + 1 < argc) {
            (arg == QLatin1String("--masks") ? masks : inputs) = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QCoreApplication::processEvents();
        StallMeter stalls;
        QObject::connect(&window, &MainWindow::openFailed, &app, [&](const QString& message) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(arg), message.toLocal8Bit().constData());
            std::exit(1);
        });
        // The worker's own start (a libtorch process, about a second) is not the GUI's:
        // the demo model warms it up.
        window.session()->setRequestTimeout(0);
        QSignalSpy ready(&window, &MainWindow::modelReady);
        window.openDemo();
        if (!wait(ready))
            return 1;
        drawn(window);
        const int decodedBefore = ReplyDecoder::decoded(), onGuiBefore = ReplyDecoder::decodedOnGuiThread();
        const Measure open = measure("open", window, ready, stalls, [&] { window.openModel(arg, inputs); });
        const auto firstLayout = window.graph()->lastTimings();
        const int ops = static_cast<int>(window.report()->nodes().size());
        QJsonObject result { { "model", QFileInfo(arg).completeBaseName() }, { "ops", ops } };
        record(result, "open", open);
        result["open_reply_ms"] = open.lastLineMs;
        result["open_gui_ms"] = open.ms - open.lastLineMs; // from the reply received to the view drawn
        result["first_layout_ms"] = firstLayout.computeMs;
        result["first_layout_cpu_ms"] = firstLayout.computeCpuMs;
        result["first_scene_ms"] = firstLayout.sceneMs;
        // Expanding one collapsed block (the first one, if any).
        for (auto* box : window.scene()->boxItems()) {
            if (box->isExpanded())
                continue;
            QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
            record(result, "expand_one",
                measure("expand one", window, applied, stalls, [&] { window.graph()->toggle(box->module()); }));
            break;
        }
        const Measure prune
            = measure("prune type", window, ready, stalls, [&] { window.setPruneType(PruneType::Batchnorm); });
        record(result, "prune_type", prune);
        QSignalSpy flops(&window, &MainWindow::flopsUpdated);
        const Measure mode
            = measure("FLOPs mode", window, flops, stalls, [&] { window.setFlopsMode(FlopsMode::Full); });
        record(result, "flops_mode", mode);
        std::printf("%-22s %7d %9.0f %8lld %9lld %8.0f %9.0f %8lld %10lld\n", qPrintable(QFileInfo(arg).fileName()),
            ops, open.ms, static_cast<long long>(open.stall), static_cast<long long>(open.bytes),
            result["expand_one_ms"].toDouble(-1), prune.ms, static_cast<long long>(prune.stall),
            static_cast<long long>(prune.bytes));
        std::printf(
            "  open: reply received at %.0f ms, decoded at %.0f ms, drawn at %.0f ms (layout %.0f ms off the GUI "
            "thread, scene %.0f ms on it)\n",
            open.lastLineMs, open.decodedMs, open.ms, firstLayout.computeMs, firstLayout.sceneMs);
        std::printf("  flops mode switch: %.0f ms, stall %lld ms, %lld bytes\n", mode.ms,
            static_cast<long long>(mode.stall), static_cast<long long>(mode.bytes));
        if (expandAll) {
            expandAll = false;
            QSignalSpy applied(window.graph(), &GraphController::layoutApplied);
            const Measure all
                = measure("expand all", window, applied, stalls, [&] { window.graph()->expandAllBelow(QString()); });
            const auto timings = window.graph()->lastTimings();
            const int visible = static_cast<int>(window.scene()->nodeItems().size());
            record(result, "expand_all", all);
            result["expand_all_layout_ms"] = timings.computeMs;
            result["expand_all_layout_cpu_ms"] = timings.computeCpuMs;
            result["expand_all_scene_ms"] = timings.sceneMs;
            result["expand_all_nodes"] = visible;
            std::printf("  expand all: %.0f ms (layout %.0f ms off the GUI thread, scene %.0f ms on it), %d nodes "
                        "visible, worst GUI stall %lld ms; CPU: layout %.0f ms, GUI thread %.0f ms\n",
                all.ms, timings.computeMs, timings.sceneMs, visible, static_cast<long long>(all.stall),
                timings.computeCpuMs, all.guiCpu);
        }
        if (!masks.isEmpty())
            timeMasks(window, masks, stalls, result);
        masks.clear();
        inputs.clear();
        const int decoded = ReplyDecoder::decoded() - decodedBefore;
        const int onGui = ReplyDecoder::decodedOnGuiThread() - onGuiBefore;
        result["replies_decoded"] = decoded;
        result["replies_decoded_on_gui_thread"] = onGui;
        std::printf("  replies decoded: %d, of them on the GUI thread: %d\n", decoded, onGui);
        // One line a script reads (bench/run_bench.py --scale).
        std::printf("@result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
