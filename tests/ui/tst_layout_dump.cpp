// SPDX-License-Identifier: MIT
// The graph as the app draws it, read back from `prunescope --dump-layout` and checked
// geometrically: with every module expanded, each data edge of the model is drawn, and
// no edge passes through a node that is not one of its ends, nor through a box title.
// The expected edges come from the engine's own report (prunescope-cli analyze --json):
// one per (producer, consumer) pair of every value, and one from each model input to
// each op that reads it and from the op that makes each model output to that output.
#include "fixtures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineF>
#include <QPolygonF>
#include <QProcess>
#include <QRectF>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>

using prunescope::test::fixture;

namespace {

constexpr int kTimeout = 300000;
// Edges start and end on their nodes' borders; an edge that only touches a rectangle,
// or runs along it within this many scene units, does not cross it.
constexpr double kTolerance = 1.0;

struct DumpEdge {
    QJsonValue from, to;
    QPolygonF points;
};

struct Dump {
    QHash<int, QRectF> nodes;
    QHash<QString, QRectF> boxes;
    QHash<QString, QRectF> titles;
    QVector<DumpEdge> edges;
};

QRectF rectOf(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    return a.size() == 4 ? QRectF(a[0].toDouble(), a[1].toDouble(), a[2].toDouble(), a[3].toDouble()) : QRectF();
}

QString endName(const QJsonValue& v) { return v.isString() ? "m:" + v.toString() : QString("n:%1").arg(v.toInt()); }

// `config`: a settings directory of the app's own (the user's settings stay out).
bool run(const QString& program, const QStringList& args, const QString& config, QString* error)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
    env.insert("XDG_CONFIG_HOME", config);
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForFinished(kTimeout) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = program + " " + args.join(' ') + ": " + QString::fromLocal8Bit(process.readAllStandardError());
        return false;
    }
    return true;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

Dump parseDump(const QJsonObject& json)
{
    Dump dump;
    for (const auto& value : json["nodes"].toArray()) {
        const QJsonObject n = value.toObject();
        dump.nodes.insert(n["id"].toInt(), rectOf(n["rect"]));
    }
    for (const auto& value : json["boxes"].toArray()) {
        const QJsonObject b = value.toObject();
        dump.boxes.insert(b["id"].toString(), rectOf(b["rect"]));
        dump.titles.insert(b["id"].toString(), rectOf(b["title_rect"]));
    }
    for (const auto& value : json["edges"].toArray()) {
        const QJsonObject e = value.toObject();
        DumpEdge edge { e["from"], e["to"], {} };
        for (const auto& p : e["points"].toArray())
            edge.points << QPointF(p.toArray()[0].toDouble(), p.toArray()[1].toDouble());
        dump.edges.push_back(edge);
    }
    return dump;
}

// Does the segment a-b enter the open interior of r? (Liang-Barsky clipping.)
bool segmentEnters(const QPointF& a, const QPointF& b, const QRectF& r)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = { -dx, dx, -dy, dy };
    const double q[4] = { a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y() };
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] <= 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 >= t1)
            return false;
    }
    return true;
}

bool crosses(const QPolygonF& line, const QRectF& rect)
{
    const QRectF inner = rect.adjusted(kTolerance, kTolerance, -kTolerance, -kTolerance);
    if (inner.isEmpty() || !line.boundingRect().adjusted(-1, -1, 1, 1).intersects(inner))
        return false;
    for (int i = 0; i + 1 < line.size(); ++i)
        if (segmentEnters(line[i], line[i + 1], inner))
            return true;
    return false;
}

// Distance from p to the border of r (0 on it).
double distanceToBorder(const QPointF& p, const QRectF& r)
{
    const double dx = std::max({ r.left() - p.x(), 0.0, p.x() - r.right() });
    const double dy = std::max({ r.top() - p.y(), 0.0, p.y() - r.bottom() });
    if (dx > 0 || dy > 0)
        return std::hypot(dx, dy);
    return std::min({ p.x() - r.left(), r.right() - p.x(), p.y() - r.top(), r.bottom() - p.y() });
}

QRectF endRect(const Dump& dump, const QJsonValue& end)
{
    return end.isString() ? dump.boxes.value(end.toString()) : dump.nodes.value(end.toInt());
}

// Every crossing, described: "edge n:3 -> n:9 crosses node n:5 (layer1.0.conv1)".
QStringList crossings(const Dump& dump, const QHash<int, QString>& names)
{
    QStringList found;
    for (const auto& edge : dump.edges) {
        const QString from = endName(edge.from), to = endName(edge.to);
        const QString what = QString("edge %1 -> %2").arg(from, to);
        for (auto it = dump.nodes.begin(); it != dump.nodes.end(); ++it) {
            const QString key = QString("n:%1").arg(it.key());
            if (key != from && key != to && crosses(edge.points, it.value()))
                found << QString("%1 crosses node %2 (%3)").arg(what, key, names.value(it.key()));
        }
        for (auto it = dump.boxes.begin(); it != dump.boxes.end(); ++it) {
            const QString key = "m:" + it.key();
            // A collapsed box (nothing drawn inside) is an obstacle like a node; an
            // expanded one is a frame that edges enter, and only its title is in the way.
            const QRectF& rect = it.value();
            const bool collapsed = key != from && key != to
                && std::none_of(dump.nodes.begin(), dump.nodes.end(),
                    [&](const QRectF& node) { return rect.contains(node.center()); })
                && std::none_of(dump.boxes.begin(), dump.boxes.end(),
                    [&](const QRectF& other) { return other != rect && rect.contains(other); });
            if (collapsed && crosses(edge.points, it.value()))
                found << QString("%1 crosses collapsed box %2").arg(what, it.key());
            if (crosses(edge.points, dump.titles.value(it.key())))
                found << QString("%1 crosses the title of %2").arg(what, it.key());
        }
    }
    return found;
}

// The model's inputs and outputs are drawn as nodes numbered after the engine's nodes,
// inputs first (README, --dump-layout): their names, and their edges as `endOf` names
// the visible ends ("n:<id>" or a collapsed box).
void addModelIo(const QJsonObject& graph, QHash<int, QString>& names, QSet<QString>& expected,
    const std::function<QString(int)>& endOf)
{
    const QJsonArray values = graph["values"].toArray(), inputs = graph["inputs"].toArray(),
                     outputs = graph["outputs"].toArray();
    int id = static_cast<int>(graph["nodes"].toArray().size());
    for (const auto& input : inputs) {
        names.insert(id, "input");
        for (const auto& c : values[input.toInt()].toObject()["consumers"].toArray())
            expected.insert(QString("n:%1 -> ").arg(id) + endOf(c.toInt()));
        ++id;
    }
    for (const auto& output : outputs) {
        names.insert(id, "output");
        const QJsonValue producer = values[output.toInt()].toObject()["producer"];
        if (!producer.isNull())
            expected.insert(endOf(producer.toInt()) + QString(" -> n:%1").arg(id));
        ++id;
    }
}

} // namespace

class TestLayoutDump : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // The dump of `model` with every box expanded, and the engine's report of it.
    bool load(const QString& model, bool leftToRight, Dump* dump, QJsonObject* report, bool expandAll = true)
    {
        const QString path = QString::fromStdString(fixture(model.toStdString() + "_traced.pt"));
        const QString out = m_dir.filePath(model + ".layout.json"), json = m_dir.filePath(model + ".report.json");
        // The orientation is a setting (View > Left to Right), read from the app's own file.
        const QString config = m_dir.filePath(leftToRight ? "config-lr" : "config-tb");
        QDir().mkpath(config + "/Prunescope");
        QFile settings(config + "/Prunescope/Prunescope.conf");
        if (!settings.open(QIODevice::WriteOnly)
            || settings.write(leftToRight ? "[view]\nleftToRight=true\n" : "[view]\nleftToRight=false\n") < 0)
            return false;
        settings.close();
        QString error;
        QStringList args { "--dump-layout", out, path };
        if (expandAll)
            args.insert(2, "--expand-all");
        if (!run(PRUNESCOPE_APP, args, config, &error)
            || !run(PRUNESCOPE_CLI, { "analyze", path, "--json", json }, config, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        *dump = parseDump(readJson(out));
        *report = readJson(json);
        return !dump->nodes.isEmpty() && !report->isEmpty();
    }

private slots:
    void expandedLayoutShowsEveryEdgeWithoutCrossings_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("leftToRight");
        // Residual adds (resnet18, mobilenet_v2), dense concatenation (densenet121) and
        // four-branch inception blocks (googlenet): the skip edges a layout has to route.
        for (const char* model : { "resnet18", "mobilenet_v2", "densenet121", "googlenet" })
            QTest::newRow(model) << QString(model) << false;
        // Turned: ports on the frames' sides instead of top and bottom.
        for (const char* model : { "resnet18", "densenet121" })
            QTest::newRow(qPrintable(QString(model) + " left to right")) << QString(model) << true;
    }

    void expandedLayoutShowsEveryEdgeWithoutCrossings()
    {
        QFETCH(QString, model);
        QFETCH(bool, leftToRight);
        Dump dump;
        QJsonObject report;
        QVERIFY(load(model, leftToRight, &dump, &report));
        const QJsonObject graph = report["graph"].toObject();
        QHash<int, QString> names;
        for (const auto& n : graph["nodes"].toArray())
            names.insert(n.toObject()["id"].toInt(), n.toObject()["unique_name"].toString());
        // One drawn edge per producer -> consumer pair of the report's values.
        QSet<QString> expected, drawn;
        addModelIo(graph, names, expected, [](int id) { return QString("n:%1").arg(id); });
        // These four have one image in and one tensor of logits out.
        QCOMPARE(names.size(), graph["nodes"].toArray().size() + 2);
        // Expanded all the way: every op is a node of its own, with its own rectangle.
        QCOMPARE(dump.nodes.size(), names.size());
        for (const auto& value : graph["values"].toArray()) {
            const QJsonObject v = value.toObject();
            if (v["producer"].isNull())
                continue;
            for (const auto& c : v["consumers"].toArray())
                if (c.toInt() != v["producer"].toInt())
                    expected.insert(QString("n:%1 -> n:%2").arg(v["producer"].toInt()).arg(c.toInt()));
        }
        for (const auto& e : dump.edges) {
            const QString what = endName(e.from) + " -> " + endName(e.to);
            drawn.insert(what);
            // From its tail's border to its head's (dot clips at the border, to a point).
            QVERIFY2(e.points.size() >= 2, qPrintable(what));
            QVERIFY2(distanceToBorder(e.points.front(), endRect(dump, e.from)) <= 2.0, qPrintable(what + " start"));
            QVERIFY2(distanceToBorder(e.points.back(), endRect(dump, e.to)) <= 2.0, qPrintable(what + " end"));
        }
        QCOMPARE(drawn.size(), dump.edges.size()); // no edge drawn twice
        QCOMPARE(drawn, expected);
        const QStringList found = crossings(dump, names);
        QVERIFY2(found.isEmpty(),
            qPrintable(QString("%1 crossing(s), the first ones:\n  %2")
                           .arg(found.size())
                           .arg(QStringList(found.mid(0, 12)).join("\n  "))));
    }

    // A model that cannot be opened, or a place that cannot be written: exit 3, a
    // message naming the file, and no dump.
    void badInputsAreRefusedClearly()
    {
        const QString out = m_dir.filePath("never.json");
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PRUNESCOPE_CLI", PRUNESCOPE_CLI);
        env.insert("XDG_CONFIG_HOME", m_dir.filePath("config-bad"));
        env.remove("QT_QPA_PLATFORM"); // nor a display: the dump picks offscreen itself
        env.remove("DISPLAY");
        app.setProcessEnvironment(env);
        const QString pickled = QString::fromStdString(fixture("pickled_module.pt"));
        app.start(PRUNESCOPE_APP, { "--dump-layout", out, pickled });
        QVERIFY(app.waitForFinished(kTimeout));
        QCOMPARE(app.exitCode(), 3);
        QVERIFY(app.readAllStandardError().contains("pickled nn.Module"));
        QVERIFY(!QFile::exists(out));
        const QString nowhere = m_dir.filePath("no/such/dir/x.json");
        app.start(PRUNESCOPE_APP, { "--dump-layout", nowhere, QString::fromStdString(fixture("resnet18_traced.pt")) });
        QVERIFY(app.waitForFinished(kTimeout));
        QCOMPARE(app.exitCode(), 3);
        QVERIFY(app.readAllStandardError().contains(("Cannot write " + nowhere).toLocal8Bit()));
    }

    // As the model opens (boxes folded as the budget of ~300 items decides), edges end
    // at collapsed boxes: still one per pair of visible ends, none crossing anything.
    void foldedLayoutShowsEveryEdgeWithoutCrossings_data()
    {
        QTest::addColumn<QString>("model");
        for (const char* model : { "densenet121", "resnet152", "vit_b_16" })
            QTest::newRow(model) << QString(model);
    }

    void foldedLayoutShowsEveryEdgeWithoutCrossings()
    {
        QFETCH(QString, model);
        Dump dump;
        QJsonObject report;
        QVERIFY(load(model, false, &dump, &report, false));
        const QJsonObject graph = report["graph"].toObject();
        QHash<int, QString> names, containers;
        for (const auto& value : graph["nodes"].toArray()) {
            const QJsonObject n = value.toObject();
            names.insert(n["id"].toInt(), n["unique_name"].toString());
            // A module call is drawn in its parent module's box, a function in its scope's.
            const QString scope = n["scope"].toString();
            containers.insert(n["id"].toInt(),
                n["kind"].toString() == "module" ? scope.section('.', 0, -2, QString::SectionSkipEmpty) : scope);
        }
        const auto inside
            = [](const QString& path, const QString& box) { return path == box || path.startsWith(box + '.'); };
        // A box is collapsed when nothing is drawn inside it.
        QStringList collapsed;
        for (auto it = dump.boxes.begin(); it != dump.boxes.end(); ++it) {
            const bool empty = std::none_of(dump.nodes.keyBegin(), dump.nodes.keyEnd(), [&](int id) {
                return inside(containers.value(id), it.key());
            }) && std::none_of(dump.boxes.keyBegin(), dump.boxes.keyEnd(), [&](const QString& other) {
                return other.startsWith(it.key() + '.');
            });
            if (empty)
                collapsed << it.key();
        }
        QVERIFY2(!collapsed.isEmpty(), "the default expansion folds part of these models");
        // A hidden node is drawn as the outermost collapsed box around it.
        const auto visible = [&](int id) {
            if (dump.nodes.contains(id))
                return QString("n:%1").arg(id);
            QString outer;
            for (const auto& box : collapsed)
                if (inside(containers.value(id), box) && (outer.isEmpty() || box.size() < outer.size()))
                    outer = box;
            return outer.isEmpty() ? QString("hidden:%1").arg(id) : "m:" + outer;
        };
        QSet<QString> expected, drawn;
        addModelIo(graph, names, expected, visible);
        for (const auto& value : graph["values"].toArray()) {
            const QJsonObject v = value.toObject();
            if (v["producer"].isNull())
                continue;
            const QString from = visible(v["producer"].toInt());
            for (const auto& c : v["consumers"].toArray())
                if (visible(c.toInt()) != from)
                    expected.insert(from + " -> " + visible(c.toInt()));
        }
        for (const auto& e : dump.edges) {
            const QString what = endName(e.from) + " -> " + endName(e.to);
            drawn.insert(what);
            QVERIFY2(distanceToBorder(e.points.front(), endRect(dump, e.from)) <= 2.0, qPrintable(what + " start"));
            QVERIFY2(distanceToBorder(e.points.back(), endRect(dump, e.to)) <= 2.0, qPrintable(what + " end"));
        }
        QCOMPARE(drawn.size(), dump.edges.size());
        QCOMPARE(drawn, expected);
        const QStringList found = crossings(dump, names);
        QVERIFY2(found.isEmpty(),
            qPrintable(QString("%1 crossing(s), the first ones:\n  %2")
                           .arg(found.size())
                           .arg(QStringList(found.mid(0, 12)).join("\n  "))));
    }
};

QTEST_GUILESS_MAIN(TestLayoutDump)
#include "tst_layout_dump.moc"
