// SPDX-License-Identifier: MIT
#include "panels/prune_result_dialog.h"

#include "model/report.h"
#include "panels/prune_comparison_model.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prunescope::ui {

namespace {

QString change(double before, double after)
{
    if (before <= 0)
        return QString();
    const double percent = 100.0 * (after - before) / before;
    return QStringLiteral("%1%2%").arg(percent > 0 ? "+" : "").arg(QLocale().toString(percent, 'f', 1));
}

QString fileSize(quint64 bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

} // namespace

PruneResultDialog::PruneResultDialog(const PruneReport& report, QWidget* parent)
    : QDialog(parent)
    , m_passed(report.result.verification.passed)
    , m_path(qs(report.result.output_path))
    , m_verification(new QLabel)
    , m_summary(new QTableWidget(0, 3))
    , m_layers(new QTableView)
    , m_comparison(new PruneComparisonModel(this))
    , m_open(new QPushButton(tr("Open in New Window")))
{
    setWindowTitle(tr("Pruned Model"));
    const Verification& v = report.result.verification;
    const QLocale locale;
    QString text = (m_passed ? tr("<b>Verification passed.</b>") : tr("<b>Verification failed.</b>")) + QLatin1Char(' ')
        + tr("On real tensors, the pruned model computes what the original computes with the removed channels "
             "silenced: max |error| %1, relative %2 (tolerance %3), %n tensor(s) compared.",
            nullptr, v.values_compared)
              .arg(QString::number(v.max_abs, 'e', 2), QString::number(v.max_rel, 'e', 2),
                  QString::number(v.rtol, 'g', 3));
    text += QStringLiteral("<br>") + tr("Written to %1.").arg(m_path.toHtmlEscaped());
    if (report.masks)
        text += QStringLiteral("<br>")
            + tr("Masks fixed under the strict pruning groups (strategy %1): %n group(s) whose masks disagreed or "
                 "broke a rule.",
                nullptr, static_cast<int>(report.masks->conflicts))
                  .arg(qs(report.masks->strategy).toHtmlEscaped());
    m_verification->setText(text);
    m_verification->setWordWrap(true);
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);

    fillSummary(report.result);

    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_comparison);
    sorted->setSortRole(PruneComparisonModel::SortRole);
    m_layers->setModel(sorted);
    m_layers->setSortingEnabled(true);
    m_layers->sortByColumn(-1, Qt::AscendingOrder); // the order the layers ran
    m_layers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_layers->verticalHeader()->hide();
    if (report.flops)
        m_comparison->setTables(report.flops->before, report.flops->after);

    auto* tabs = new QTabWidget;
    tabs->addTab(m_summary, tr("Before / After"));
    tabs->addTab(m_layers,
        report.flops
            ? tr("Per Layer (FLOPs, %1 mode)").arg(QString::fromLatin1(flopsModeName(report.flops->before.mode)))
            : tr("Per Layer"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_open, QDialogButtonBox::ActionRole);
    m_open->setToolTip(tr("Open the pruned model in a new window, with the same example input"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_open, &QPushButton::clicked, this, [this] {
        emit openRequested(m_path);
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verification);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(760, 520);
}

void PruneResultDialog::fillSummary(const PruneResult& r)
{
    m_summary->setHorizontalHeaderLabels({ tr("Before"), tr("After"), tr("Change") });
    const QLocale locale;
    auto add = [&](const QString& label, const QString& before, const QString& after, double b, double a) {
        const int row = m_summary->rowCount();
        m_summary->insertRow(row);
        m_summary->setVerticalHeaderItem(row, new QTableWidgetItem(label));
        const QString texts[] = { before, after, change(b, a) };
        const double values[] = { b, a, a - b };
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(texts[c]);
            item->setData(Qt::UserRole, values[c]); // the figure itself, for copying and the tests
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_summary->setItem(row, c, item);
        }
    };
    const ModelFigures &b = r.before, &a = r.after;
    add(tr("Parameters"), locale.toString(static_cast<qint64>(b.params)),
        locale.toString(static_cast<qint64>(a.params)), double(b.params), double(a.params));
    add(tr("MACs (extended)"), locale.toString(static_cast<qint64>(b.macs)),
        locale.toString(static_cast<qint64>(a.macs)), double(b.macs), double(a.macs));
    add(tr("File size"), fileSize(b.file_bytes), fileSize(a.file_bytes), double(b.file_bytes), double(a.file_bytes));
    if (b.latency_ms_one_thread >= 0) {
        auto ms = [&](double value) { return tr("%1 ms").arg(locale.toString(value, 'f', 1)); };
        add(tr("Latency, 1 thread"), ms(b.latency_ms_one_thread), ms(a.latency_ms_one_thread), b.latency_ms_one_thread,
            a.latency_ms_one_thread);
        add(tr("Latency, %n thread(s)", nullptr, b.threads), ms(b.latency_ms_all_threads), ms(a.latency_ms_all_threads),
            b.latency_ms_all_threads, a.latency_ms_all_threads);
    }
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

} // namespace prunescope::ui
