<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Exporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export: the graph is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode the image as PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported by Prunescope</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupMembers</name>
    <message>
        <source>out-channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in-channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per-channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 of %3</source>
        <extracomment>%1 a role (in-channels), %2 index ranges (0-63), %3 a layer or parameter</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayoutDump</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyDecoder</name>
    <message>
        <source>The analysis engine&apos;s reply could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See what makes structured pruning of a TorchScript model safe or unsafe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript file to open (default: the demo model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example input shape(s), e.g. 1,3,224,224</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open, wait for the graph, save a screenshot of the window and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size for --screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning masks to load (NNI .pth or JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open, wait for the graph, write its layout as JSON (scene coordinates) and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --dump-layout: expand every module first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dock to bring to the front for --screenshot: flops, charts, masks or legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme for this run, not remembered: system, light or dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --screenshot: switch the FLOPs heat overlay on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --screenshot: fit the graph to the window first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::BoxItem</name>
    <message numerus="yes">
        <source>%n op(s)</source>
        <comment>hidden in a collapsed module</comment>
        <translation>
            <numerusform>%n op</numerusform>
            <numerusform>%n ops</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ChannelStrip</name>
    <message>
        <source>Select a set to see its channels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ConflictListModel</name>
    <message>
        <source>Grouped conv %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — masks agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — filters not divisible by %2 groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n channel(s) disputed</source>
        <translation>
            <numerusform>%1 — %n channel disputed</numerusform>
            <numerusform>%1 — %n channels disputed</numerusform>
        </translation>
    </message>
    <message>
        <source>Group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::DependencySetModel</name>
    <message numerus="yes">
        <source>Set %1 (%n layer(s)): %2</source>
        <translation>
            <numerusform>Set %1 (%n layer): %2</numerusform>
            <numerusform>Set %1 (%n layers): %2</numerusform>
        </translation>
    </message>
    <message>
        <source>tied by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n layer(s), not prunable): %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n layer(s)): %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::EngineClient</name>
    <message>
        <source>The analysis engine (%1) could not be started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis engine crashed while working on this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis engine stopped unexpectedly (exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsCharts</name>
    <message>
        <source>Top layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before pruning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NNI&apos;s rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after speedup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cumulative FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layers, in the order they run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsPanel</name>
    <message>
        <source>−%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (NNI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full (NNI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extended (all MACs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default and full: NNI v2.9&apos;s count_flops_params; extended: multiply-accumulates of every conv, linear and matmul over all positions and tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the graph&apos;s nodes by their share of the total FLOPs (light: little, dark: much)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 total: &lt;b&gt;%2&lt;/b&gt; · #Params total: %3 (counted layers) · model: %4 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With masks: %1 by NNI&apos;s rule (%2) · &lt;b&gt;%3 after speedup (%4)&lt;/b&gt; · %5 parameters after speedup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted in this mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsTableModel</name>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masked (NNI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After speedup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::GraphScene</name>
    <message>
        <source> ×%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dependency set %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Not safe to prune:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %n op(s), %3 parameters. Double-click to expand.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2), %n op, %3 parameters. Double-click to expand.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; (%2), %n ops, %3 parameters. Double-click to expand.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n layer(s) inside not safe to prune</source>
        <translation>
            <numerusform>&lt;br&gt;%n layer inside not safe to prune</numerusform>
            <numerusform>&lt;br&gt;%n layers inside not safe to prune</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2 kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Model output %1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Model input %1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Strict rules differ from NNI v2.9:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::HeatScaleBar</name>
    <message>
        <source>%1 %2</source>
        <comment>largest value on the heat scale, unit</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::LegendPanel</name>
    <message>
        <source>Set %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▲ on a layer: not safe to prune (its tooltip says why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● on a collapsed module: it holds layers not safe to prune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed vermillion border: the masks of its set disagree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: output channels the masks keep, of all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box: a module&apos;s call (a layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed oval: a functional op (add, cat, flatten…); it takes the colour of the set it ties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double outline: a collapsed module (double-click to expand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashed frame: an expanded module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat overlay: %1 per layer (light: few, dark red: many; square-root scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency sets (output channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency sets (input channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layers share channels here: every layer can be pruned on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled pill: a model input or output, with its shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 (not prunable): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◆ on a layer: its strict group is not NNI v2.9&apos;s set (its tooltip says why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict pruning groups (output channels)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MainWindow</name>
    <message numerus="yes">
        <source>layout %1 ms (%n box(es) laid out)</source>
        <translation>
            <numerusform>layout %1 ms (%n box laid out)</numerusform>
            <numerusform>layout %1 ms (%n boxes laid out)</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved mask fixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the analysis (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole Graph as PNG/SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visible Part as PNG/SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report as CSV/JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency sets, NNI&apos;s CSV (*.csv);;Full report, JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load Masks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Pruning Masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks (*.pth *.pt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix &amp;All Mask Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expand All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Left to Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour &amp;By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel Dependency Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input-Channel Dependency Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prune Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter (Conv2d, Linear, ConvTranspose2d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batchnorm (BatchNorm2d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input Shape…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Prunescope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Prunescope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Prunescope&lt;/b&gt;&lt;p&gt;See what makes structured pruning of a PyTorch model safe or unsafe: channel dependencies, layers not safe to prune, FLOPs and mask conflicts, with NNI v2.9&apos;s rules.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find layer or op (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open TorchScript Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.pth *.pt2 *.zip *.torchscript);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inlining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording shapes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the graph…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded demo model could not be written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs could not be counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the previous model stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis engine crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Analysis &gt; Input Shape… to give the input the model expects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 ops · %4 parameters · shapes on %5 tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s of %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The engine is stopped after %n second(s) (Preferences); Cancel or Esc stops it now.</source>
        <translation>
            <numerusform>The engine is stopped after %n second (Preferences); Cancel or Esc stops it now.</numerusform>
            <numerusform>The engine is stopped after %n seconds (Preferences); Cancel or Esc stops it now.</numerusform>
        </translation>
    </message>
    <message>
        <source>No time limit (Preferences); Cancel or Esc stops the engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Open another model and lose the fixes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Change the input and lose the fixes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis engine did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incompatible analysis engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand to &amp;Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Save them before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No layers share channels in this model: each of its %n prunable layer(s) can be pruned on its own, by any amount.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No layers share input channels in this model: each of its %n prunable layer(s) can lose input channels on its own.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Prunescope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunescope[*]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example input of %1: sizes separated by commas, several inputs separated by &apos;;&apos;, a dtype prefix for integer inputs (int64:1,128), a list of images in brackets with &apos;|&apos; between them ([3,320,320|3,240,320], as detection models take).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned model written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning groups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MasksPanel</name>
    <message>
        <source>Fix This Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No masks loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Masks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>union (NNI: keep a channel any layer keeps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intersection (keep only what every layer keeps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>majority (keep what half the layers keep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the selected set with the chosen strategy (undo with Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix every conflict: group conflicts with NNI&apos;s rule, then every set with the strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the fixed masks (asks before replacing the file they were loaded from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Mask Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix masks (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Pruning Masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masks (*.pth *.pt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the mask file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace %1 with the fixed masks? The pruning tool that wrote it will load the fixed ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Fixed Masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n conflict(s)</source>
        <translation>
            <numerusform>%1: %n conflict</numerusform>
            <numerusform>%1: %n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>reference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (no mask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved mask fixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Load other masks and lose the fixes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot change the masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NNI masks, torch.save (*.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prunescope JSON masks (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n conflict(s); saved to %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The strategy went back to union: %1, the reference layer, is not in this set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded from %1, saved to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Pruned Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the masked channels for real (masks fixed under the strict pruning groups with the chosen strategy), verify the smaller model and write it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Pruned Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TorchScript (*.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixing the masks under the strict pruning groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the model again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the pruned channels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the pruned model on real tensors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring latency before and after…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the pruned model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine&apos;s reply holds no pruning result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the pruned model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MiniMap</name>
    <message>
        <source>Overview: drag the rectangle, or click, to move the view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ModuleTreeModel</name>
    <message>
        <source>Module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model or file that keeps the engine busy longer is stopped; the open model stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the engine after:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PropertiesModel</name>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1 (alone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input-channel set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group constraint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filters divisible by %1 (min groups %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) inside not safe to prune</source>
        <translation>
            <numerusform>%n layer inside not safe to prune</numerusform>
            <numerusform>%n layers inside not safe to prune</numerusform>
        </translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not safe to prune: reaches %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not safe to prune: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strict vs NNI v2.9</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set %1 (%n layer(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruning group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1, root %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not prunable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s) must stay</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PruneComparisonModel</name>
    <message>
        <source>%1 (call %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PruneResultDialog</name>
    <message>
        <source>Open in New Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification passed.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification failed.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>On real tensors, the pruned model computes what the original computes with the removed channels silenced: max |error| %1, relative %2 (tolerance %3), %n tensor(s) compared.</source>
        <translation>
            <numerusform>On real tensors, the pruned model computes what the original computes with the removed channels silenced: max |error| %1, relative %2 (tolerance %3), %n tensor compared.</numerusform>
            <numerusform>On real tensors, the pruned model computes what the original computes with the removed channels silenced: max |error| %1, relative %2 (tolerance %3), %n tensors compared.</numerusform>
        </translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Masks fixed under the strict pruning groups (strategy %1): %n group(s) whose masks disagreed or broke a rule.</source>
        <translation>
            <numerusform>Masks fixed under the strict pruning groups (strategy %1): %n group whose masks disagreed or broke a rule.</numerusform>
            <numerusform>Masks fixed under the strict pruning groups (strategy %1): %n groups whose masks disagreed or broke a rule.</numerusform>
        </translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per Layer (FLOPs, %1 mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the pruned model in a new window, with the same example input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs (extended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency, 1 thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Latency, %n thread(s)</source>
        <translation>
            <numerusform>Latency, %n thread</numerusform>
            <numerusform>Latency, %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::RulesMenu</name>
    <message>
        <source>&amp;Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Strict (pruning groups that follow every channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;NNI v2.9 (dependency sets)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>prunescope::ui::Session</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The analysis engine %1 speaks protocol &quot;%2&quot;, and this Prunescope needs &quot;%3&quot;. Install the prunescope-cli of the same version as the app (the package installs both), or point PRUNESCOPE_CLI at it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; the analysis engine did not stop and was restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The analysis engine did not answer within %n second(s) and was stopped. The model may be too large for the example input, or the file makes libtorch loop. Raise the limit in Preferences if the model only needs more time.</source>
        <translation type="unfinished">
            <numerusform>The analysis engine did not answer within %n second and was stopped. The model may be too large for the example input, or the file makes libtorch loop. Raise the limit in Preferences if the model only needs more time.</numerusform>
            <numerusform>The analysis engine did not answer within %n seconds and was stopped. The model may be too large for the example input, or the file makes libtorch loop. Raise the limit in Preferences if the model only needs more time.</numerusform>
        </translation>
    </message>
</context>
</TS>
