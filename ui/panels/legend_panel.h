// SPDX-License-Identifier: MIT
#pragma once
// The Legend dock: what the graph's colours, marks and shapes mean, made from the scene
// as it is drawn (its colouring, overlay and masks), so that it cannot disagree with it.
// The symbols are painted by the graph's own items, scaled down.
#include <QColor>
#include <QVector>
#include <QWidget>

class QLabel;
class QListWidget;

namespace prunescope::ui {

class GraphScene;

struct LegendEntry {
    enum Kind { Set, Mark, Shape };
    Kind kind = Mark;
    // Stable name for tests and screenshots: "set", "unsafe", "unsafe-inside", "conflict",
    // "kept", "layer", "op", "io", "collapsed", "expanded".
    QString key;
    QString text;
    int setIndex = -1; // Set: the set, in the colouring in force
    int colorIndex = -1; // Set: its colour index (setColor)
    QColor color; // Set: the colour of its outline

    bool operator==(const LegendEntry& other) const
    {
        return kind == other.kind && key == other.key && text == other.text && setIndex == other.setIndex
            && colorIndex == other.colorIndex && color == other.color;
    }
};

// The heat overlay's scale: the gradient the nodes are filled from, and its labels.
class HeatScaleBar : public QWidget {
    Q_OBJECT
public:
    explicit HeatScaleBar(QWidget* parent = nullptr);
    void setScale(double largest, const QString& unit);
    // Positions on the scale (0..1) with their labels: 0, a quarter of the largest (the
    // middle of the bar: the scale is a square root), the largest with its unit.
    QVector<QPair<double, QString>> ticks() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_largest = 0;
    QString m_unit;
};

class LegendPanel : public QWidget {
    Q_OBJECT
public:
    explicit LegendPanel(GraphScene* scene, QWidget* parent = nullptr);

    const QVector<LegendEntry>& entries() const { return m_entries; }
    const LegendEntry* entry(const QString& key) const; // the first with that key
    HeatScaleBar* heatScale() const { return m_heat; }
    void refresh();

signals:
    void setChosen(int setIndex); // a click on a set's entry: highlight it

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    GraphScene* m_scene;
    QListWidget* m_list;
    QLabel* m_heatTitle;
    HeatScaleBar* m_heat;
    QVector<LegendEntry> m_entries;
    // What the list was last made from: its entries, and these.
    qint64 m_paletteKey = -1; // the palette its icons were painted with
    int m_mode = -1; // the colouring, in its heading
    bool m_hadReport = false;
    bool m_forceRebuild = true;
};

} // namespace prunescope::ui
