// SPDX-License-Identifier: MIT
#pragma once
// What a pruning bought, once the worker has written the pruned model: the verification
// (max error, passed or not), the before/after table the CLI prints, the per-layer
// before/after view, and a button that opens the pruned model in a new window.
#include "prunescope/prune_report.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace prunescope::ui {

class PruneComparisonModel;

class PruneResultDialog : public QDialog {
    Q_OBJECT
public:
    explicit PruneResultDialog(const PruneReport& report, QWidget* parent = nullptr);

    enum SummaryRow { Params, Macs, FileSize, LatencyOneThread, LatencyAllThreads };
    enum SummaryColumn { Before, After, Change };

    bool passed() const { return m_passed; }
    QLabel* verification() const { return m_verification; }
    QTableWidget* summary() const { return m_summary; } // rows SummaryRow, columns SummaryColumn
    QTableView* layers() const { return m_layers; }
    PruneComparisonModel* comparison() const { return m_comparison; }
    QPushButton* openButton() const { return m_open; }
    QString prunedPath() const { return m_path; }

signals:
    void openRequested(const QString& path);

private:
    void fillSummary(const PruneResult& result);

    bool m_passed;
    QString m_path;
    QLabel* m_verification;
    QTableWidget* m_summary;
    QTableView* m_layers;
    PruneComparisonModel* m_comparison;
    QPushButton* m_open;
};

} // namespace prunescope::ui
