// SPDX-License-Identifier: MIT
#pragma once
// The FLOPs dock: NNI's table (sortable, filterable by name or type), the mode switch,
// the totals, and the heat overlay switch. Selecting a row selects its node.
#include "prunescope/flops.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace prunescope::ui {

class FlopsTableModel;

class FlopsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FlopsPanel(QWidget* parent = nullptr);

    void setFlops(FlopsResult data);
    void selectNode(int node); // selects the node's first row, if it has one
    void clearSelection();
    int selectedNode() const; // -1 when no row is selected
    void setFilterText(const QString& text);
    FlopsMode mode() const;
    void setMode(FlopsMode mode); // without emitting modeChanged

    FlopsTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QString totalsText() const;
    bool heatOverlay() const;
    void setHeatOverlay(bool on); // emits heatOverlayToggled when it changes

protected:
    void changeEvent(QEvent* event) override;

signals:
    void nodeActivated(int node);
    void modeChanged(FlopsMode mode);
    void heatOverlayToggled(bool on);

private:
    void retranslate();
    void updateTotals();

    FlopsTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QComboBox* m_mode;
    QLineEdit* m_filter;
    QCheckBox* m_heat;
    QLabel* m_totals;
    QLabel* m_modeLabel;
};

} // namespace prunescope::ui
