// SPDX-License-Identifier: MIT
#pragma once
// Edges through a layered layout (dot's ranks), for the edges dot did not route (dense
// boxes are placed without routing) or routed through a node. Everything here is in a
// top-to-bottom frame; a left-to-right layout is transposed before and after.
//
// A route leaves its tail's bottom, runs sideways only in the empty gaps between ranks,
// and crosses the ranks in between in a lane that no rectangle of those ranks covers,
// so it never enters a rectangle other than its ends.
#include <QPair>
#include <QPolygonF>
#include <QRectF>
#include <QVector>

namespace prunescope::ui {

// The rectangles of one layout sorted into its ranks (rectangles whose centres share a
// y), for quick "does this line enter a rectangle" questions.
class RankBands {
public:
    explicit RankBands(const QVector<QRectF>& rects);

    int bandOf(int rect) const { return m_bandOf[rect]; }
    int count() const { return static_cast<int>(m_bands.size()); }
    double top(int band) const { return m_bands[band].top; }
    double bottom(int band) const { return m_bands[band].bottom; }
    const QVector<int>& members(int band) const { return m_bands[band].members; }
    const QRectF& rect(int i) const { return m_rects[i]; }
    // Does `line` enter a rectangle other than `skipA` and `skipB`?
    bool crosses(const QPolygonF& line, int skipA, int skipB) const;

private:
    struct Band {
        double center = 0, top = 0, bottom = 0;
        QVector<int> members; // sorted by x
    };
    QVector<QRectF> m_rects;
    QVector<Band> m_bands; // sorted by y
    QVector<double> m_reach; // the lowest bottom of bands 0..i
    QVector<int> m_bandOf;
};

// Does the segment a-b enter the open interior of r shrunk by `margin`?
bool segmentEnters(const QPointF& a, const QPointF& b, const QRectF& r, double margin = 1.0);

// Routes every edge (indices into the bands' rectangles), in order.
QVector<QPolygonF> routeThroughGaps(const RankBands& bands, const QVector<QPair<int, int>>& edges);

QPolygonF transposed(const QPolygonF& line);
QRectF transposed(const QRectF& rect);

} // namespace prunescope::ui
