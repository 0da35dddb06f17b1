#pragma once
// The masks dock: load a mask file, list its conflicts, show for the selected set which
// channels each layer keeps and what a fix would keep, fix one set or all with a
// strategy (each fix on the undo stack), save the fixed masks and the change report.
#include <QJsonArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QUndoStack;

namespace prunescope::ui {

class ChannelStrip;
class ConflictListModel;
class MaskSession;
struct SetRef;

class MasksPanel : public QWidget {
    Q_OBJECT
public:
    MasksPanel(MaskSession* session, QUndoStack* undo, QWidget* parent = nullptr);

    void loadMasks(const QString& path);
    void fixSelected();
    void fixAll();
    void setStrategy(const QString& strategy); // "union", "intersection", "majority", "reference:<layer>"
    QString strategy() const;
    void selectRow(int row);
    // Writes a JSON or CSV report of every fix applied (and not undone) so far.
    QString exportChanges(const QString& path) const;

    ConflictListModel* conflicts() const { return m_conflicts; }
    ChannelStrip* strip() const { return m_strip; }
    QListView* list() const { return m_list; }

signals:
    void layersSelected(const QStringList& layers); // the selected set's layers, for the graph

private:
    void refresh();
    void onCurrentChanged();
    void requestPreview();
    void updateReferenceChoices(const QStringList& layers);
    SetRef currentSet() const;
    void chooseFile();
    void saveAs();
    void save();

    MaskSession* m_session;
    QUndoStack* m_undo;
    ConflictListModel* m_conflicts;
    QListView* m_list;
    ChannelStrip* m_strip;
    QComboBox* m_strategy;
    QPushButton* m_fixSet;
    QPushButton* m_fixAll;
    QPushButton* m_save;
    QPushButton* m_saveAs;
    QPushButton* m_export;
    QLabel* m_status;
    QVector<QJsonArray> m_appliedFixes; // per applied fix (undo stack order)
};

} // namespace prunescope::ui
