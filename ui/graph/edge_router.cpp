// SPDX-License-Identifier: MIT
#include "graph/edge_router.h"

#include <QLineF>

#include <algorithm>
#include <numeric>

namespace prunescope::ui {

namespace {

constexpr double kSameRank = 0.5; // dot puts a rank's centres on one y
constexpr double kLaneMargin = 8; // between a lane and the rectangles beside it
constexpr double kLaneGap = 5; // between lanes of different tails

struct Interval {
    double left, right;
};

struct Lane {
    double x;
    int fromBand, toBand;
    int tail;
};

class LanePicker {
public:
    explicit LanePicker(const RankBands& bands)
        : m_bands(bands)
    {
    }

    // A vertical line through bands [from, to] that enters none of their rectangles,
    // near `preferred`; tails keep their own lane where they can.
    double pick(int from, int to, double preferred, int tail)
    {
        const QVector<Interval> taken = occupied(from, to);
        for (const Lane& lane : m_lanes)
            if (lane.tail == tail && lane.fromBand <= to && from <= lane.toBand && isFree(taken, lane.x)
                && !crowded(lane.x, from, to, tail)) {
                const double x = lane.x; // push_back may reallocate under `lane`
                m_lanes.push_back({ x, from, to, tail });
                return x;
            }
        double x = preferred;
        if (const Interval* in = containing(taken, x))
            x = (x - in->left < in->right - x) ? in->left : in->right;
        const double dir = x < preferred ? -1 : 1;
        for (int tries = 0; tries < 1000 && crowded(x, from, to, tail); ++tries) {
            x += dir * kLaneGap;
            if (const Interval* in = containing(taken, x))
                x = dir > 0 ? in->right : in->left;
        }
        m_lanes.push_back({ x, from, to, tail });
        return x;
    }

private:
    QVector<Interval> occupied(int from, int to) const
    {
        QVector<Interval> all;
        for (int b = from; b <= to; ++b)
            for (int m : m_bands.members(b)) {
                const QRectF& r = m_bands.rect(m);
                all.push_back({ r.left() - kLaneMargin, r.right() + kLaneMargin });
            }
        std::sort(all.begin(), all.end(), [](const Interval& a, const Interval& b) { return a.left < b.left; });
        QVector<Interval> merged;
        for (const Interval& i : all) {
            if (!merged.isEmpty() && i.left <= merged.back().right)
                merged.back().right = std::max(merged.back().right, i.right);
            else
                merged.push_back(i);
        }
        return merged;
    }

    static const Interval* containing(const QVector<Interval>& taken, double x)
    {
        auto it = std::upper_bound(
            taken.begin(), taken.end(), x, [](double value, const Interval& i) { return value < i.left; });
        if (it == taken.begin())
            return nullptr;
        --it;
        return x > it->left && x < it->right ? &*it : nullptr;
    }

    static bool isFree(const QVector<Interval>& taken, double x) { return containing(taken, x) == nullptr; }

    bool crowded(double x, int from, int to, int tail) const
    {
        return std::any_of(m_lanes.begin(), m_lanes.end(), [&](const Lane& lane) {
            return lane.tail != tail && lane.fromBand <= to && from <= lane.toBand
                && std::abs(lane.x - x) < kLaneGap - 1e-6;
        });
    }

    const RankBands& m_bands;
    QVector<Lane> m_lanes;
};

} // namespace

bool segmentEnters(const QPointF& a, const QPointF& b, const QRectF& rect, double margin)
{
    const QRectF r = rect.adjusted(margin, margin, -margin, -margin);
    if (r.width() <= 0 || r.height() <= 0)
        return false;
    // Liang-Barsky: clip the segment's parameter range against the four sides.
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

RankBands::RankBands(const QVector<QRectF>& rects)
    : m_rects(rects)
    , m_bandOf(rects.size(), -1)
{
    QVector<int> order(rects.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return rects[a].center().y() < rects[b].center().y(); });
    for (int i : order) {
        const QRectF& r = rects[i];
        if (m_bands.isEmpty() || r.center().y() - m_bands.back().center > kSameRank)
            m_bands.push_back({ r.center().y(), r.top(), r.bottom(), {} });
        Band& band = m_bands.back();
        band.top = std::min(band.top, r.top());
        band.bottom = std::max(band.bottom, r.bottom());
        band.members.push_back(i);
        m_bandOf[i] = static_cast<int>(m_bands.size()) - 1;
    }
    // Bands are sorted by centre; a running maximum of their bottoms bounds searches.
    double far = -1e300;
    for (const Band& band : m_bands)
        m_reach.push_back(far = std::max(far, band.bottom));
    for (Band& band : m_bands)
        std::sort(
            band.members.begin(), band.members.end(), [&](int a, int b) { return rects[a].left() < rects[b].left(); });
}

bool RankBands::crosses(const QPolygonF& line, int skipA, int skipB) const
{
    for (int i = 0; i + 1 < line.size(); ++i) {
        const double y0 = std::min(line[i].y(), line[i + 1].y()), y1 = std::max(line[i].y(), line[i + 1].y());
        auto it = std::upper_bound(
            m_bands.begin(), m_bands.end(), y1, [](double y, const Band& band) { return y < band.top; });
        for (int b = static_cast<int>(it - m_bands.begin()) - 1; b >= 0 && m_reach[b] >= y0; --b) {
            if (m_bands[b].bottom < y0)
                continue;
            for (int m : m_bands[b].members)
                if (m != skipA && m != skipB && segmentEnters(line[i], line[i + 1], m_rects[m]))
                    return true;
        }
    }
    return false;
}

QVector<QPolygonF> routeThroughGaps(const RankBands& bands, const QVector<QPair<int, int>>& edges)
{
    const auto gapBelow = [&](int band) {
        return band + 1 < bands.count() ? (bands.bottom(band) + bands.top(band + 1)) / 2 : bands.bottom(band) + 14;
    };
    LanePicker lanes(bands);
    QVector<QPolygonF> routes;
    routes.reserve(edges.size());
    for (const auto& [u, v] : edges) {
        const QRectF& tail = bands.rect(u);
        const QRectF& head = bands.rect(v);
        const QPointF start(tail.center().x(), tail.bottom()), end(head.center().x(), head.top());
        const int a = bands.bandOf(u), b = bands.bandOf(v);
        QPolygonF route { start };
        if (b <= a) {
            route << end; // not a layered edge; dot ranks every edge downwards
        } else if (b == a + 1) {
            const double y = gapBelow(a);
            route << QPointF(start.x(), y) << QPointF(end.x(), y) << end;
        } else {
            const double y1 = gapBelow(a), y2 = gapBelow(b - 1);
            const double x = lanes.pick(a + 1, b - 1, (start.x() + end.x()) / 2, u);
            route << QPointF(start.x(), y1) << QPointF(x, y1) << QPointF(x, y2) << QPointF(end.x(), y2) << end;
        }
        QPolygonF clean;
        for (const QPointF& p : route)
            if (clean.isEmpty() || QLineF(clean.back(), p).length() > 1e-6)
                clean << p;
        routes.push_back(clean);
    }
    return routes;
}

QPolygonF transposed(const QPolygonF& line)
{
    QPolygonF out;
    out.reserve(line.size());
    for (const QPointF& p : line)
        out << QPointF(p.y(), p.x());
    return out;
}

QRectF transposed(const QRectF& rect) { return QRectF(rect.y(), rect.x(), rect.height(), rect.width()); }

} // namespace prunescope::ui
