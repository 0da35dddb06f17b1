// SPDX-License-Identifier: MIT
#include "graph/graphviz_layout.h"

#include <QByteArray>
#include <QRectF>
#include <QTransform>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

// Last: geom.h and types.h define short macros (MIN, ROUND, ...).
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/types.h>

namespace prunescope::ui {
namespace {

// Above this many nodes, dot's crossing minimisation and network simplex dominate the
// run time; capping their iterations costs little quality on model graphs.
constexpr int kFastLayoutThreshold = 300;

// Graphviz 2.42 declares string parameters as char* but only reads (and copies) them.
char* gvString(const char* s) { return const_cast<char*>(s); }

char* gvString(const QByteArray& s) { return const_cast<char*>(s.constData()); }

// Negative or NaN sizes would reach dot as nonsense; dot's own minimum takes over at 0.
double nonNegative(double v) { return std::isfinite(v) && v > 0 ? v : 0.0; }

QSizeF nodeSize(const LayoutInput::Node& node)
{
    return QSizeF(nonNegative(node.size.width()), nonNegative(node.size.height()));
}

QByteArray inches(double points)
{
    // QByteArray::number always writes '.', and gvLayout parses with LC_NUMERIC set to
    // "C" (Graphviz switches it itself), so the user's locale can't get in between.
    return QByteArray::number(nonNegative(points) / 72.0, 'f', 6);
}

// Graphviz reports through agerr, which prints to stderr unless a handler is set. We
// collect the text instead, to put it in LayoutResult::error. Only touched while the
// layout mutex is held.
std::string g_graphvizMessages;

int collectGraphvizMessage(char* text)
{
    g_graphvizMessages += text;
    return 0;
}

class MessageCapture {
public:
    MessageCapture()
        : m_previousHandler(agseterrf(&collectGraphvizMessage))
        , m_previousLevel(agseterr(AGWARN))
    {
        g_graphvizMessages.clear();
    }
    ~MessageCapture()
    {
        agseterr(m_previousLevel);
        agseterrf(m_previousHandler);
    }
    MessageCapture(const MessageCapture&) = delete;
    MessageCapture& operator=(const MessageCapture&) = delete;

    QString text() const { return QString::fromLocal8Bit(g_graphvizMessages.c_str()).trimmed(); }

private:
    agusererrf m_previousHandler;
    agerrlevel_t m_previousLevel;
};

// dot is a plugin. gvContext() finds it through the plugin config file the package's
// post-install step writes next to the plugins (config6, or config6a on Debian); if
// that file is missing, gvLayout fails with 'Layout type: "dot" not recognized'. So
// we register the plugin as a builtin, loading it from where libgvc itself would look
// ($GVBINDIR, else the graphviz/ directory beside libgvc). Linking it instead would
// need an rpath: that directory is not on the loader's search path.
void* loadDotLayoutPlugin()
{
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("GVBINDIR"); env && *env)
        dirs.emplace_back(env);
    Dl_info info {};
    if (dladdr(reinterpret_cast<void*>(&gvContextPlugins), &info) && info.dli_fname) {
        const std::string gvcPath = info.dli_fname;
        if (const auto slash = gvcPath.rfind('/'); slash != std::string::npos)
            dirs.push_back(gvcPath.substr(0, slash) + "/graphviz");
    }
    // 6 is the plugin ABI version of Graphviz 2.x; the unversioned name exists only
    // where the -dev package is installed.
    for (const std::string& dir : dirs) {
        for (const char* file : { "/libgvplugin_dot_layout.so.6", "/libgvplugin_dot_layout.so" }) {
            // Never closed: the context keeps pointers into it for the process lifetime.
            void* handle = dlopen((dir + file).c_str(), RTLD_NOW | RTLD_LOCAL);
            if (!handle)
                continue;
            if (void* library = dlsym(handle, "gvplugin_dot_layout_LTX_library"))
                return library;
            dlclose(handle);
        }
    }
    return nullptr;
}

// One context for the process: creating it reads plugin tables, and Graphviz's global
// state is shared anyway. Called with the layout mutex held.
GVC_t* graphvizContext()
{
    static GVC_t* context = [] {
        static lt_symlist_t builtins[] = {
            { "gvplugin_dot_layout_LTX_library", nullptr },
            { nullptr, nullptr },
        };
        builtins[0].address = loadDotLayoutPlugin();
        // Without demand loading no other plugins (pango, cairo, ...) are loaded: we
        // never render, and labels are empty.
        if (builtins[0].address)
            return gvContextPlugins(builtins, 0);
        return gvContext();
    }();
    return context;
}

QPainterPath splinePath(const splines* spl)
{
    QPainterPath path;
    if (!spl)
        return path;
    for (int b = 0; b < spl->size; ++b) {
        const bezier& bz = spl->list[b];
        if (bz.size < 1)
            continue;
        const auto point = [](const pointf& p) { return QPointF(p.x, p.y); };
        // sp/ep are where dot would put the arrow tips; the curve itself stops short.
        if (bz.sflag) {
            path.moveTo(point(bz.sp));
            path.lineTo(point(bz.list[0]));
        } else {
            path.moveTo(point(bz.list[0]));
        }
        for (int i = 1; i + 2 < bz.size; i += 3)
            path.cubicTo(point(bz.list[i]), point(bz.list[i + 1]), point(bz.list[i + 2]));
        if (bz.eflag)
            path.lineTo(point(bz.ep));
    }
    return path;
}

QString validate(const LayoutInput& input)
{
    const int n = int(input.nodes.size());
    for (int i = 0; i < int(input.edges.size()); ++i) {
        const LayoutInput::Edge& e = input.edges[i];
        if (e.from < 0 || e.from >= n || e.to < 0 || e.to >= n)
            return QStringLiteral("edge %1 (%2 -> %3) refers to a node outside 0..%4")
                .arg(i)
                .arg(e.from)
                .arg(e.to)
                .arg(n - 1);
    }
    return {};
}

// QRectF::united drops degenerate rectangles; a zero-size node still has to count.
struct Bounds {
    double minX = std::numeric_limits<double>::max();
    double minY = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = std::numeric_limits<double>::lowest();

    void add(const QRectF& r)
    {
        minX = std::min(minX, r.left());
        minY = std::min(minY, r.top());
        maxX = std::max(maxX, r.right());
        maxY = std::max(maxY, r.bottom());
    }
};

struct GraphHandle {
    GVC_t* gvc = nullptr;
    Agraph_t* graph = nullptr;
    GraphHandle() = default;
    GraphHandle(const GraphHandle&) = delete;
    GraphHandle& operator=(const GraphHandle&) = delete;
    ~GraphHandle()
    {
        if (!graph)
            return;
        // Also after a failed or partial layout: gvFreeLayout skips what was never set up.
        gvFreeLayout(gvc, graph);
        agclose(graph);
    }
};

} // namespace

LayoutResult layoutWithDot(const LayoutInput& input)
{
    LayoutResult result;
    result.size = QSizeF(0, 0);
    if (const QString error = validate(input); !error.isEmpty()) {
        result.error = error;
        return result;
    }
    if (input.nodes.isEmpty()) {
        result.ok = true;
        return result;
    }

    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    const MessageCapture messages;

    GraphHandle g;
    g.gvc = graphvizContext();
    if (!g.gvc) {
        result.error = QStringLiteral("could not create a Graphviz context: %1").arg(messages.text());
        return result;
    }
    g.graph = agopen(gvString("prunescope"), Agdirected, nullptr);

    const auto graphAttr
        = [&](const char* name, const QByteArray& value) { agattr(g.graph, AGRAPH, gvString(name), gvString(value)); };
    graphAttr("rankdir", input.leftToRight ? "LR" : "TB");
    graphAttr("nodesep", inches(input.nodeSeparation));
    graphAttr("ranksep", inches(input.rankSeparation));
    graphAttr("splines", input.routeSplines ? "spline" : "line");
    if (input.nodes.size() > kFastLayoutThreshold || !input.routeSplines) {
        graphAttr("nslimit", "2");
        graphAttr("mclimit", "0.5");
    }

    agattr(g.graph, AGNODE, gvString("shape"), gvString("box"));
    agattr(g.graph, AGNODE, gvString("fixedsize"), gvString("true"));
    agattr(g.graph, AGNODE, gvString("label"), gvString(""));
    Agsym_t* widthAttr = agattr(g.graph, AGNODE, gvString("width"), gvString("1"));
    Agsym_t* heightAttr = agattr(g.graph, AGNODE, gvString("height"), gvString("1"));

    // Node names are indices: input ids need not be unique or printable.
    std::vector<Agnode_t*> nodes;
    nodes.reserve(size_t(input.nodes.size()));
    for (int i = 0; i < int(input.nodes.size()); ++i) {
        Agnode_t* node = agnode(g.graph, gvString(QByteArray::number(i)), 1);
        const QSizeF size = nodeSize(input.nodes[i]);
        agxset(node, widthAttr, gvString(inches(size.width())));
        agxset(node, heightAttr, gvString(inches(size.height())));
        nodes.push_back(node);
    }
    // rank=source/sink subgraphs: nothing else shares the ports' ranks, so a box's ports
    // lie above (before) and below (after) everything inside it.
    for (const auto& [rank, name] :
        { std::pair { LayoutInput::Rank::First, "source" }, std::pair { LayoutInput::Rank::Last, "sink" } }) {
        Agraph_t* sub = nullptr;
        for (int i = 0; i < int(input.nodes.size()); ++i) {
            if (input.nodes[i].rank != rank)
                continue;
            if (!sub) {
                sub = agsubg(g.graph, gvString(name), 1);
                agsafeset(sub, gvString("rank"), gvString(name), gvString(""));
            }
            agsubnode(sub, nodes[size_t(i)], 1);
        }
    }
    std::vector<Agedge_t*> edges;
    edges.reserve(size_t(input.edges.size()));
    for (const LayoutInput::Edge& e : input.edges)
        edges.push_back(agedge(g.graph, nodes[size_t(e.from)], nodes[size_t(e.to)], nullptr, 1));

    if (gvLayout(g.gvc, g.graph, "dot") != 0) {
        result.error = QStringLiteral("Graphviz dot layout failed: %1").arg(messages.text());
        return result;
    }

    // Graphviz is y-up. Take the union of dot's bounding box with what we hand out, so
    // the size promise holds even where dot's box and our geometry disagree.
    const boxf& bb = GD_bb(g.graph);
    Bounds bounds;
    bounds.add(QRectF(QPointF(bb.LL.x, bb.LL.y), QPointF(bb.UR.x, bb.UR.y)).normalized());
    for (int i = 0; i < int(nodes.size()); ++i) {
        const pointf& c = ND_coord(nodes[size_t(i)]);
        const QSizeF size = nodeSize(input.nodes[i]);
        bounds.add(QRectF(QPointF(c.x, c.y) - QPointF(size.width(), size.height()) / 2, size));
    }
    std::vector<QPainterPath> rawPaths;
    rawPaths.reserve(edges.size());
    for (Agedge_t* edge : edges) {
        rawPaths.push_back(splinePath(ED_spl(edge)));
        if (!rawPaths.back().isEmpty())
            bounds.add(rawPaths.back().boundingRect());
    }

    const QTransform toScene(1, 0, 0, -1, -bounds.minX, bounds.maxY);
    result.centers.reserve(int(nodes.size()));
    for (Agnode_t* node : nodes) {
        const pointf& c = ND_coord(node);
        result.centers.push_back(toScene.map(QPointF(c.x, c.y)));
    }
    result.edges.reserve(int(rawPaths.size()));
    for (const QPainterPath& path : rawPaths)
        result.edges.push_back(toScene.map(path));
    result.size = QSizeF(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY);
    result.ok = true;
    return result;
}

} // namespace prunescope::ui
