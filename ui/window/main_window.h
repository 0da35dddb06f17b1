// SPDX-License-Identifier: MIT
#pragma once
// Prunescope's main window: the model graph in the middle, the dependency sets, the
// properties of the selection and the module tree in docks, analysis in the engine
// worker with progress and cancel in the status bar. What it shows is the Session's:
// the worker's state as it last reported it.
#include "graph/graph_scene.h"
#include "model/report.h"

#include <QMainWindow>
#include <QPointer>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QStackedWidget;
class QActionGroup;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QMessageBox;
class QProgressBar;
class QTableView;
class QTimer;
class QToolBar;
class QToolButton;
class QTreeView;
class QUndoStack;

namespace prunescope::ui {

class DependencySetModel;
class Reply;
class Session;
class FlopsCharts;
class FlopsPanel;
class MasksPanel;
class GraphController;
class GraphNavigator;
class GraphView;
class MiniMap;
class ModuleTreeModel;
class PropertiesModel;
class RulesMenu;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a model in the engine worker; the current one stays until the new one is in.
    void openModel(const QString& path, const QString& inputs = {});
    void openDemo();
    // Window geometry and dock layout of the last session (not for screenshots and tests).
    void restoreLayout();
    // View > Reset Layout: every dock back in its default place and size.
    void resetLayout();
    void cancelAnalysis();

    // State, for the screenshot mode and the tests.
    const Report* report() const { return m_report.get(); }
    QString modelPath() const; // of the model on screen
    bool isBusy() const;
    QString lastError() const { return m_lastError; }
    // The error dialog on screen, if any.
    QMessageBox* errorBox() const;
    // "12 s of 300 s" beside the progress bar while the engine works.
    QString elapsedText() const;
    GraphScene* scene() const { return m_scene; }
    GraphView* view() const { return m_view; }
    GraphController* graph() const { return m_graph; }
    Session* session() const { return m_session; }
    GraphNavigator* navigator() const { return m_navigator; }
    MiniMap* minimap() const { return m_minimap; }
    DependencySetModel* dependencyModel() const { return m_setModel; }
    PropertiesModel* propertiesModel() const { return m_properties; }
    ModuleTreeModel* moduleTreeModel() const { return m_moduleTree; }
    QListView* dependencyList() const { return m_setList; }
    FlopsPanel* flopsPanel() const { return m_flopsPanel; }
    FlopsCharts* flopsCharts() const { return m_flopsCharts; }
    void setFlopsMode(FlopsMode mode);
    MasksPanel* masksPanel() const { return m_masksPanel; }
    QUndoStack* undoStack() const { return m_undo; }
    bool hasUnsavedMasks() const;
    // Brings a dock to the front: "flops", "charts", "masks", "dependencySets", "properties", "modules",
    // "legend".
    bool raiseDock(const QString& name);
    QDockWidget* dock(const QString& name) const;
    // The file of the last open that failed (Analysis > Input Shape… retries it), if any.
    QString failedOpenPath() const { return m_failedOpen; }
    // The word shown instead of the sets list when it is empty.
    QString setsPlaceholder() const;

    // Search over node names and types; returns the number of matches and selects the first.
    int find(const QString& text);
    void findNext(int step = 1);
    int findPosition() const { return m_findIndex; }

    QString exportGraph(const QString& path, bool visibleOnly);
    // CSV at once; JSON (large) off the GUI thread, then reportExported(). Returns an
    // error found before starting.
    QString exportReport(const QString& path);
    void setPruneType(PruneType pruneType);
    void setColorMode(ColorMode mode);

signals:
    void modelReady(); // a model was analysed and its graph laid out and drawn
    void masksChanged(); // loaded, fixed, undone or redone masks are reflected everywhere
    void masksSaved(const QString& path);
    void flopsUpdated();
    void openFailed(const QString& message);
    void reportExported(const QString& path, const QString& error);
    void windowOpened(MainWindow* window); // a pruned model opened in a new window

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void placeDocks();
    void sizeDocks();
    // Forgets the search, the FLOPs row and the properties of what is no longer on screen.
    void clearSearch();
    void clearSelectionState();
    void updateSetsPlaceholder();
    void updateTitle();
    void createMenus();
    void retranslate();
    void updateModelLabel();
    void createDocks();
    void createStatusBar();
    void createFindBar();
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void applyReport();
    void applyAnalyses();
    void applyFlops();
    void applyState();
    // Error dialogs for a request the window made; `title` when it fails.
    void watch(Reply* reply, const QString& title, bool busy);
    void showError(const QString& title, const QString& message);
    void setBusy(bool busy, const QString& text = {});
    void updateElapsed();
    void onSelectionChanged();
    // Centres the view on a node, unfolding the boxes that hide it first.
    void centerOnNode(int node);
    void chooseInputShape();
    void openDialog();
    void createFlopsDocks();
    void createMasksDock();
    void onMasksChanged();
    void showMasksInGraph(); // the kept counts and conflicts, on the layers
    void updateHeat();
    QString savedInputs(const QString& path) const;
    // Asks before an action that would drop unsaved mask fixes; true to go on.
    bool mayDropMaskFixes(const QString& question);
    bool mayOpenAnotherModel();

    Session* m_session;
    GraphScene* m_scene;
    GraphController* m_graph;
    GraphView* m_view;
    MiniMap* m_minimap;
    GraphNavigator* m_navigator;
    DependencySetModel* m_setModel;
    PropertiesModel* m_properties;
    ModuleTreeModel* m_moduleTree;
    QListView* m_setList = nullptr;
    QStackedWidget* m_setsStack = nullptr;
    QLabel* m_setsEmpty = nullptr;
    QTableView* m_propertiesView = nullptr;
    QTreeView* m_moduleView = nullptr;
    QToolBar* m_findBar = nullptr;
    QAction* m_findPrevious = nullptr;
    QAction* m_findNext = nullptr;
    QLineEdit* m_findEdit = nullptr;
    QLabel* m_findCount = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_timingLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QTimer* m_elapsedTicker = nullptr;
    // The graph shows a masks change a loop turn after the panels (showMasksInGraph).
    QTimer* m_graphMasks = nullptr;
    // What the masks panel highlighted while the graph's turn was pending.
    std::optional<QStringList> m_pendingHighlight;
    QToolButton* m_cancelButton = nullptr;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_pruneTypeGroup = nullptr;
    RulesMenu* m_rulesMenu = nullptr;
    QActionGroup* m_colorGroup = nullptr;
    QAction* m_filterAction = nullptr;
    QAction* m_batchnormAction = nullptr;
    QAction* m_inputColorAction = nullptr;
    QAction* m_channelColorAction = nullptr;
    QAction* m_orientationAction = nullptr;
    QAction* m_minimapAction = nullptr;
    QPointer<QMessageBox> m_errorBox;
    FlopsPanel* m_flopsPanel = nullptr;
    MasksPanel* m_masksPanel = nullptr;
    QUndoStack* m_undo = nullptr;
    FlopsCharts* m_flopsCharts = nullptr;

    std::shared_ptr<const Report> m_report; // the session's, as drawn
    bool m_newModelPending = false;
    QString m_lastError;
    QString m_failedOpen, m_failedInputs; // the last open that failed, for Input Shape…
    QVector<int> m_findResults;
    int m_findIndex = -1;
    QTemporaryDir m_demoDir;
    bool m_layoutRestored = false;
    bool m_docksSized = false;
};

} // namespace prunescope::ui
