// SPDX-License-Identifier: MIT
#pragma once
// The masks dock: load a mask file, list its conflicts, show for the selected set which
// channels each layer keeps and what a fix would keep, fix one set or all with a
// strategy (each fix on the undo stack, whose commands ask the worker to undo and redo),
// save the fixed masks and the change report, and export the pruned model (the worker
// prunes, verifies and measures it; a dialog shows what it bought). Everything it shows
// is the session's.
#include "prunescope/mask_conflict.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QListView;
class QProgressDialog;
class QPushButton;
class QUndoStack;

namespace prunescope::ui {

class ChannelStrip;
class ConflictListModel;
class PruneResultDialog;
class Reply;
class Session;

class MasksPanel : public QWidget {
    Q_OBJECT
public:
    MasksPanel(Session* session, QUndoStack* undo, QWidget* parent = nullptr);

    void loadMasks(const QString& path);
    void fixSelected();
    void fixAll();
    void setStrategy(const QString& strategy); // "union", "intersection", "majority", "reference:<layer>"
    QString strategy() const;
    void selectRow(int row);
    // Has the worker write a JSON or CSV report of every fix applied (and not undone);
    // changesExported() follows.
    void exportChanges(const QString& path);
    Reply* save(const QString& path, bool overwriteInput); // masksSaved() or failed() follows
    // Asks where to save (beside the loaded file, <name>_fixed.pth first); null if the
    // user cancelled.
    Reply* saveAs();
    QString suggestedSavePath() const;
    // Shown when a change of set made the strategy fall back (a reference layer not in it).
    QString strategyNote() const;
    // Has the worker prune the model by these masks (fixed with the chosen strategy) into
    // `path`, with a progress dialog that can cancel; prunedModelExported() follows, and
    // on success the result dialog. A cancel that came too late (the file was being
    // written) is followed by a second prunedModelExported(), a success, and the dialog.
    // latencyRuns < 0: the worker's default.
    void exportPrunedModel(const QString& path, int latencyRuns = -1);
    QPushButton* exportPrunedButton() const { return m_exportPruned; }
    QProgressDialog* pruneProgress() const; // while pruning
    PruneResultDialog* pruneResult() const; // the last one shown, while it is open

    ConflictListModel* conflicts() const { return m_conflicts; }
    ChannelStrip* strip() const { return m_strip; }
    QListView* list() const { return m_list; }

protected:
    void changeEvent(QEvent* event) override;

signals:
    void layersSelected(const QStringList& layers); // the selected set's layers, for the graph
    void masksLoaded();
    void changesExported(const QString& path, const QString& error);
    void masksSaved(const QString& path);
    void failed(const QString& title, const QString& message);
    // `error` empty: written and verified; "cancelled" when the user cancelled.
    void prunedModelExported(const QString& path, const QString& error);
    void openPrunedModel(const QString& path); // in a new window, with the same inputs

private:
    void retranslate();
    void refresh();
    void showStatus(); // the status line and the buttons
    void onCurrentChanged();
    void requestPreview();
    void updateReferenceChoices(const QStringList& layers);
    std::optional<ConflictSetRef> currentSet() const;
    void chooseFile();
    void saveOverInput();
    void reportFailure(Reply* reply, const QString& title);
    void fix(const std::optional<ConflictSetRef>& set);
    void chooseExportPruned();
    void showPruneResult(Reply* reply);

    Session* m_session;
    QUndoStack* m_undo;
    ConflictListModel* m_conflicts;
    QListView* m_list;
    ChannelStrip* m_strip;
    bool m_selecting = false; // refresh() selects a row and then shows its set itself
    QComboBox* m_strategy;
    QPushButton* m_load;
    QLabel* m_strategyLabel;
    QPushButton* m_fixSet;
    QPushButton* m_fixAll;
    QPushButton* m_save;
    QPushButton* m_saveAs;
    QPushButton* m_export;
    QPushButton* m_exportPruned;
    QPointer<QProgressDialog> m_pruneProgress;
    QPointer<PruneResultDialog> m_pruneResult;
    QLabel* m_status;
    QLabel* m_strategyNote;
};

} // namespace prunescope::ui
