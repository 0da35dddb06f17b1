<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Exporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Nothing to export: the graph is empty.</source>
        <translation>没有可导出的内容：图为空。</translation>
    </message>
    <message>
        <source>Cannot encode the image as PNG.</source>
        <translation>无法将图像编码为 PNG。</translation>
    </message>
    <message>
        <source>Exported by Prunescope</source>
        <translation>由 Prunescope 导出</translation>
    </message>
</context>
<context>
    <name>GroupMembers</name>
    <message>
        <source>out-channels</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>in-channels</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>per-channel</source>
        <translation>逐通道参数</translation>
    </message>
    <message>
        <source>%1 %2 of %3</source>
        <extracomment>%1 a role (in-channels), %2 index ranges (0-63), %3 a layer or parameter</extracomment>
        <translation>%3 的%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayoutDump</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ReplyDecoder</name>
    <message>
        <source>The analysis engine&apos;s reply could not be read: %1</source>
        <translation>无法读取分析引擎的回复：%1</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See what makes structured pruning of a TorchScript model safe or unsafe.</source>
        <translation>查看 TorchScript 模型的结构化剪枝为何安全或不安全。</translation>
    </message>
    <message>
        <source>TorchScript file to open (default: the demo model)</source>
        <translation>要打开的 TorchScript 文件（默认：示例模型）</translation>
    </message>
    <message>
        <source>Example input shape(s), e.g. 1,3,224,224</source>
        <translation>示例输入形状，例如 1,3,224,224</translation>
    </message>
    <message>
        <source>Open, wait for the graph, save a screenshot of the window and exit</source>
        <translation>打开模型，等待图生成后保存窗口截图并退出</translation>
    </message>
    <message>
        <source>Window size for --screenshot</source>
        <translation>--screenshot 使用的窗口大小</translation>
    </message>
    <message>
        <source>Pruning masks to load (NNI .pth or JSON)</source>
        <translation>要加载的剪枝掩码（NNI .pth 或 JSON）</translation>
    </message>
    <message>
        <source>Open, wait for the graph, write its layout as JSON (scene coordinates) and exit</source>
        <translation>打开模型，等待计算图，将其布局以 JSON（场景坐标）写出后退出</translation>
    </message>
    <message>
        <source>With --dump-layout: expand every module first</source>
        <translation>与 --dump-layout 一起使用：先展开所有模块</translation>
    </message>
    <message>
        <source>Dock to bring to the front for --screenshot: flops, charts, masks or legend</source>
        <translation>--screenshot 时置于前台的停靠窗口：flops、charts、masks 或 legend</translation>
    </message>
    <message>
        <source>Theme for this run, not remembered: system, light or dark</source>
        <translation>本次运行使用的主题（不保存）：system、light 或 dark</translation>
    </message>
    <message>
        <source>With --screenshot: switch the FLOPs heat overlay on</source>
        <translation>配合 --screenshot：打开 FLOPs 热力图叠加</translation>
    </message>
    <message>
        <source>With --screenshot: fit the graph to the window first</source>
        <translation>配合 --screenshot：先让图适应窗口</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::BoxItem</name>
    <message numerus="yes">
        <source>%n op(s)</source>
        <comment>hidden in a collapsed module</comment>
        <translation>
            <numerusform>%n 个算子</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ChannelStrip</name>
    <message>
        <source>Select a set to see its channels</source>
        <translation>选择一个依赖集以查看其通道</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ConflictListModel</name>
    <message>
        <source>Grouped conv %1</source>
        <translation>分组卷积 %1</translation>
    </message>
    <message>
        <source>Set %1: %2</source>
        <translation>依赖集 %1：%2</translation>
    </message>
    <message>
        <source>%1 — skipped</source>
        <translation>%1 — 已跳过</translation>
    </message>
    <message>
        <source>%1 — masks agree</source>
        <translation>%1 — 掩码一致</translation>
    </message>
    <message>
        <source>%1 — filters not divisible by %2 groups</source>
        <translation>%1 — 滤波器数不能被分组数 %2 整除</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n channel(s) disputed</source>
        <translation>
            <numerusform>%1 — %n 个通道存在冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Group %1: %2</source>
        <translation>组 %1：%2</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::DependencySetModel</name>
    <message numerus="yes">
        <source>Set %1 (%n layer(s)): %2</source>
        <translation>
            <numerusform>依赖集 %1（%n 个层）：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>tied by %1</source>
        <translation>由 %1 绑定</translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n layer(s), not prunable): %2</source>
        <translation>
            <numerusform>组 %1（%n 个层，不可剪枝）：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n layer(s)): %2</source>
        <translation>
            <numerusform>组 %1（%n 个层）：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::EngineClient</name>
    <message>
        <source>The analysis engine (%1) could not be started: %2</source>
        <translation>无法启动分析引擎（%1）：%2</translation>
    </message>
    <message>
        <source>The analysis engine crashed while working on this model.</source>
        <translation>分析引擎在处理此模型时崩溃。</translation>
    </message>
    <message>
        <source>The analysis engine stopped unexpectedly (exit code %1).</source>
        <translation>分析引擎意外停止（退出码 %1）。</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsCharts</name>
    <message>
        <source>Top layers</source>
        <translation>排名靠前的层</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>before pruning</source>
        <translation>剪枝前</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>NNI&apos;s rule</source>
        <translation>NNI 规则</translation>
    </message>
    <message>
        <source>after speedup</source>
        <translation>模型加速后</translation>
    </message>
    <message>
        <source>cumulative FLOPs</source>
        <translation>累计 FLOPs</translation>
    </message>
    <message>
        <source>layers, in the order they run</source>
        <translation>层（按运行顺序）</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsPanel</name>
    <message>
        <source>−%1%</source>
        <translation>−%1%</translation>
    </message>
    <message>
        <source>Heat overlay</source>
        <translation>热力图叠加</translation>
    </message>
    <message>
        <source>default (NNI)</source>
        <translation>default（NNI 默认）</translation>
    </message>
    <message>
        <source>full (NNI)</source>
        <translation>full（NNI 完整）</translation>
    </message>
    <message>
        <source>extended (all MACs)</source>
        <translation>extended（全部 MACs）</translation>
    </message>
    <message>
        <source>default and full: NNI v2.9&apos;s count_flops_params; extended: multiply-accumulates of every conv, linear and matmul over all positions and tokens</source>
        <translation>default 和 full：NNI v2.9 的 count_flops_params；extended：所有 conv、linear 和 matmul 在全部位置和 token 上的乘加运算次数</translation>
    </message>
    <message>
        <source>Filter by name or type</source>
        <translation>按名称或类型筛选</translation>
    </message>
    <message>
        <source>Colour the graph&apos;s nodes by their share of the total FLOPs (light: little, dark: much)</source>
        <translation>按各节点占总 FLOPs 的比例为图中节点着色（浅色：占比小，深色：占比大）</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>%1 total: &lt;b&gt;%2&lt;/b&gt; · #Params total: %3 (counted layers) · model: %4 parameters</source>
        <translation>%1 总计：&lt;b&gt;%2&lt;/b&gt; · 参数量总计：%3（已计入的层）· 模型：%4 个参数</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>With masks: %1 by NNI&apos;s rule (%2) · &lt;b&gt;%3 after speedup (%4)&lt;/b&gt; · %5 parameters after speedup</source>
        <translation>应用掩码后：按 NNI 规则 %1（%2）· &lt;b&gt;模型加速后 %3（%4）&lt;/b&gt; · 模型加速后 %5 个参数</translation>
    </message>
    <message>
        <source>Not counted in this mode: %1</source>
        <translation>此模式下未计入：%1</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::FlopsTableModel</name>
    <message>
        <source>Index</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Weight Shape</source>
        <translation>权重形状</translation>
    </message>
    <message>
        <source>Input Size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>Output Size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>#Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>#Call</source>
        <translation>调用序号</translation>
    </message>
    <message>
        <source>Masked (NNI)</source>
        <translation>掩码后（NNI）</translation>
    </message>
    <message>
        <source>After speedup</source>
        <translation>模型加速后</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::GraphScene</name>
    <message>
        <source> ×%1</source>
        <translation> ×%1</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message>
        <source>dependency set %1: %2</source>
        <translation>依赖集 %1：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not safe to prune:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;剪枝不安全：&lt;/b&gt;%1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %n op(s), %3 parameters. Double-click to expand.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;（%2），%n 个算子，%3 个参数。双击展开。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n layer(s) inside not safe to prune</source>
        <translation>
            <numerusform>&lt;br&gt;内部有 %n 个层剪枝不安全</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2 kept</source>
        <translation>保留 %1/%2</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model output %1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;模型输出 %1&lt;/b&gt;：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model input %1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;模型输入 %1&lt;/b&gt;：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Strict rules differ from NNI v2.9:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;严格规则与 NNI v2.9 不同：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::HeatScaleBar</name>
    <message>
        <source>%1 %2</source>
        <comment>largest value on the heat scale, unit</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::LegendPanel</name>
    <message>
        <source>Set %1: %2</source>
        <translation>集合 %1：%2</translation>
    </message>
    <message>
        <source>▲ on a layer: not safe to prune (its tooltip says why)</source>
        <translation>层上的 ▲：不可安全剪枝（其提示说明原因）</translation>
    </message>
    <message>
        <source>● on a collapsed module: it holds layers not safe to prune</source>
        <translation>折叠模块上的 ●：其中含有不可安全剪枝的层</translation>
    </message>
    <message>
        <source>Dashed vermillion border: the masks of its set disagree</source>
        <translation>朱红色虚线边框：其所在集合的掩码不一致</translation>
    </message>
    <message>
        <source>“%1”: output channels the masks keep, of all</source>
        <translation>“%1”：掩码保留的输出通道数 / 全部通道数</translation>
    </message>
    <message>
        <source>Box: a module&apos;s call (a layer)</source>
        <translation>方框：一次模块调用（一层）</translation>
    </message>
    <message>
        <source>Dashed oval: a functional op (add, cat, flatten…); it takes the colour of the set it ties</source>
        <translation>虚线椭圆：函数式算子（add、cat、flatten…）；它取其所连接集合的颜色</translation>
    </message>
    <message>
        <source>Double outline: a collapsed module (double-click to expand)</source>
        <translation>双线边框：折叠的模块（双击展开）</translation>
    </message>
    <message>
        <source>Dashed frame: an expanded module</source>
        <translation>虚线框：展开的模块</translation>
    </message>
    <message>
        <source>Heat overlay: %1 per layer (light: few, dark red: many; square-root scale)</source>
        <translation>热力图叠加：每层的 %1（浅色：少，深红：多；平方根刻度）</translation>
    </message>
    <message>
        <source>Dependency sets (output channels)</source>
        <translation>依赖集（输出通道）</translation>
    </message>
    <message>
        <source>Dependency sets (input channels)</source>
        <translation>依赖集（输入通道）</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>No layers share channels here: every layer can be pruned on its own.</source>
        <translation>这里没有共享通道的层：每一层都可以单独剪枝。</translation>
    </message>
    <message>
        <source>Filled pill: a model input or output, with its shape</source>
        <translation>实心圆角块：模型的输入或输出，附其形状</translation>
    </message>
    <message>
        <source>Group %1 (not prunable): %2</source>
        <translation>组 %1（不可剪枝）：%2</translation>
    </message>
    <message>
        <source>Group %1: %2</source>
        <translation>组 %1：%2</translation>
    </message>
    <message>
        <source>◆ on a layer: its strict group is not NNI v2.9&apos;s set (its tooltip says why)</source>
        <translation>层上的 ◆：其严格剪枝组与 NNI v2.9 的依赖集不同（其提示说明原因）</translation>
    </message>
    <message>
        <source>Strict pruning groups (output channels)</source>
        <translation>严格剪枝组（输出通道）</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MainWindow</name>
    <message numerus="yes">
        <source>layout %1 ms (%n box(es) laid out)</source>
        <translation>
            <numerusform>布局耗时 %1 ms（已布局 %n 个框）</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved mask fixes</source>
        <translation>掩码修复尚未保存</translation>
    </message>
    <message>
        <source>Dependency sets</source>
        <translation>依赖集</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Masks saved to %1</source>
        <translation>掩码已保存到 %1</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the analysis (Esc)</source>
        <translation>停止分析（Esc）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>打开示例模型(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Whole Graph as PNG/SVG…</source>
        <translation>整张图导出为 PNG/SVG…</translation>
    </message>
    <message>
        <source>Visible Part as PNG/SVG…</source>
        <translation>可见部分导出为 PNG/SVG…</translation>
    </message>
    <message>
        <source>Report as CSV/JSON…</source>
        <translation>报告导出为 CSV/JSON…</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Dependency sets, NNI&apos;s CSV (*.csv);;Full report, JSON (*.json)</source>
        <translation>依赖集，NNI 的 CSV 格式 (*.csv);;完整报告，JSON (*.json)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Load Masks…</source>
        <translation>加载掩码(&amp;L)…</translation>
    </message>
    <message>
        <source>Load Pruning Masks</source>
        <translation>加载剪枝掩码</translation>
    </message>
    <message>
        <source>Masks (*.pth *.pt *.json);;All files (*)</source>
        <translation>掩码 (*.pth *.pt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fix &amp;All Mask Conflicts</source>
        <translation>修复所有掩码冲突(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Expand All</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Left to Right</source>
        <translation>从左到右(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>缩略图(&amp;M)</translation>
    </message>
    <message>
        <source>Colour &amp;By</source>
        <translation>着色依据(&amp;B)</translation>
    </message>
    <message>
        <source>Channel Dependency Sets</source>
        <translation>通道依赖集</translation>
    </message>
    <message>
        <source>Input-Channel Dependency Sets</source>
        <translation>输入通道依赖集</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Prune Type</source>
        <translation>剪枝类型(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Filter (Conv2d, Linear, ConvTranspose2d)</source>
        <translation>滤波器(&amp;F) (Conv2d, Linear, ConvTranspose2d)</translation>
    </message>
    <message>
        <source>&amp;Batchnorm (BatchNorm2d)</source>
        <translation>批归一化(&amp;B) (BatchNorm2d)</translation>
    </message>
    <message>
        <source>&amp;Input Shape…</source>
        <translation>输入形状(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Prunescope</source>
        <translation>关于 Prunescope(&amp;A)</translation>
    </message>
    <message>
        <source>About Prunescope</source>
        <translation>关于 Prunescope</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prunescope&lt;/b&gt;&lt;p&gt;See what makes structured pruning of a PyTorch model safe or unsafe: channel dependencies, layers not safe to prune, FLOPs and mask conflicts, with NNI v2.9&apos;s rules.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Prunescope&lt;/b&gt;&lt;p&gt;依据 NNI v2.9 的规则，查看 PyTorch 模型的结构化剪枝为何安全或不安全：通道依赖、剪枝不安全的层、FLOPs 以及掩码冲突。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find layer or op (Ctrl+F)</source>
        <translation>查找层或算子（Ctrl+F）</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>无匹配项</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配项</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 项，共 %2 项</translation>
    </message>
    <message>
        <source>Open TorchScript Model</source>
        <translation>打开 TorchScript 模型</translation>
    </message>
    <message>
        <source>TorchScript models (*.pt *.pth *.pt2 *.zip *.torchscript);;All files (*)</source>
        <translation>TorchScript 模型 (*.pt *.pth *.pt2 *.zip *.torchscript);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the model…</source>
        <translation>正在读取模型…</translation>
    </message>
    <message>
        <source>Inlining…</source>
        <translation>正在内联…</translation>
    </message>
    <message>
        <source>Recording shapes…</source>
        <translation>正在记录形状…</translation>
    </message>
    <message>
        <source>Building the graph…</source>
        <translation>正在构建图…</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>无法打开示例模型</translation>
    </message>
    <message>
        <source>The embedded demo model could not be written to %1.</source>
        <translation>无法将内置示例模型写入 %1。</translation>
    </message>
    <message>
        <source>Input Shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>FLOPs could not be counted</source>
        <translation>无法统计 FLOPs</translation>
    </message>
    <message>
        <source>Cancelled; the previous model stays open.</source>
        <translation>已取消；之前的模型仍保持打开。</translation>
    </message>
    <message>
        <source>The analysis engine crashed</source>
        <translation>分析引擎已崩溃</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Use Analysis &gt; Input Shape… to give the input the model expects.</source>
        <translation>请通过“分析 &gt; 输入形状…”提供模型所需的输入。</translation>
    </message>
    <message>
        <source>%1 stays open.</source>
        <translation>%1 仍保持打开。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 ops · %4 parameters · shapes on %5 tensors</source>
        <translation>%1 · %2 · %3 个算子 · %4 个参数 · 形状基于 %5 张量</translation>
    </message>
    <message>
        <source>No model is open.</source>
        <translation>未打开任何模型。</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>%1 s of %2 s</source>
        <translation>%1 秒 / %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>The engine is stopped after %n second(s) (Preferences); Cancel or Esc stops it now.</source>
        <translation>
            <numerusform>引擎将在 %n 秒后停止（见首选项）；点击“取消”或按 Esc 可立即停止。</numerusform>
        </translation>
    </message>
    <message>
        <source>No time limit (Preferences); Cancel or Esc stops the engine.</source>
        <translation>不限时（见首选项）；点击“取消”或按 Esc 可停止引擎。</translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Open another model and lose the fixes?</source>
        <translation>修复后的掩码尚未保存。要打开另一个模型并放弃这些修复吗？</translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Change the input and lose the fixes?</source>
        <translation>修复后的掩码尚未保存。要更改输入并放弃这些修复吗？</translation>
    </message>
    <message>
        <source>The analysis engine did not answer</source>
        <translation>分析引擎没有响应</translation>
    </message>
    <message>
        <source>Incompatible analysis engine</source>
        <translation>分析引擎版本不兼容</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到选中项(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Expand to &amp;Depth</source>
        <translation>展开到层级(&amp;D)</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Save them before closing?</source>
        <translation>修复后的掩码尚未保存。关闭前要保存吗？</translation>
    </message>
    <message numerus="yes">
        <source>No layers share channels in this model: each of its %n prunable layer(s) can be pruned on its own, by any amount.</source>
        <translation>
            <numerusform>此模型中没有共享通道的层：其 %n 个可剪枝层均可各自独立剪枝，剪多少都行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No layers share input channels in this model: each of its %n prunable layer(s) can lose input channels on its own.</source>
        <translation>
            <numerusform>此模型中没有共享输入通道的层：其 %n 个可剪枝层均可各自独立剪去输入通道。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>%1[*] — Prunescope</source>
        <translation>%1[*] — Prunescope</translation>
    </message>
    <message>
        <source>Prunescope[*]</source>
        <translation>Prunescope[*]</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Example input of %1: sizes separated by commas, several inputs separated by &apos;;&apos;, a dtype prefix for integer inputs (int64:1,128), a list of images in brackets with &apos;|&apos; between them ([3,320,320|3,240,320], as detection models take).</source>
        <translation>%1 的示例输入：各维大小用英文逗号分隔，多个输入用 &apos;;&apos; 分隔，整数输入需加 dtype 前缀（如 int64:1,128），图像列表写在方括号内、用 &apos;|&apos; 分隔（如 [3,320,320|3,240,320]，检测模型的输入即是如此）。</translation>
    </message>
    <message>
        <source>Pruned model written to %1</source>
        <translation>剪枝后的模型已写入 %1</translation>
    </message>
    <message>
        <source>Pruning groups</source>
        <translation>剪枝组</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MasksPanel</name>
    <message>
        <source>Fix This Set</source>
        <translation>修复此依赖集</translation>
    </message>
    <message>
        <source>Fix All</source>
        <translation>全部修复</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Export Changes…</source>
        <translation>导出更改…</translation>
    </message>
    <message>
        <source>No masks loaded.</source>
        <translation>未加载掩码。</translation>
    </message>
    <message>
        <source>Load Masks…</source>
        <translation>加载掩码…</translation>
    </message>
    <message>
        <source>union (NNI: keep a channel any layer keeps)</source>
        <translation>union（NNI：保留任一层保留的通道）</translation>
    </message>
    <message>
        <source>intersection (keep only what every layer keeps)</source>
        <translation>intersection（只保留所有层都保留的通道）</translation>
    </message>
    <message>
        <source>majority (keep what half the layers keep)</source>
        <translation>majority（保留至少半数层保留的通道）</translation>
    </message>
    <message>
        <source>Fix the selected set with the chosen strategy (undo with Ctrl+Z)</source>
        <translation>用所选策略修复选中的依赖集（可用 Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Fix every conflict: group conflicts with NNI&apos;s rule, then every set with the strategy</source>
        <translation>修复所有冲突：先按 NNI 规则修复分组冲突，再用所选策略修复每个依赖集</translation>
    </message>
    <message>
        <source>Save the fixed masks (asks before replacing the file they were loaded from)</source>
        <translation>保存修复后的掩码（覆盖其加载来源文件前会先询问）</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>策略：</translation>
    </message>
    <message>
        <source>Export Mask Changes</source>
        <translation>导出掩码更改</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Fix masks (%1)</source>
        <translation>修复掩码（%1）</translation>
    </message>
    <message>
        <source>after the fix</source>
        <translation>修复后</translation>
    </message>
    <message>
        <source>Load Pruning Masks</source>
        <translation>加载剪枝掩码</translation>
    </message>
    <message>
        <source>Masks (*.pth *.pt *.json);;All files (*)</source>
        <translation>掩码 (*.pth *.pt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the mask file?</source>
        <translation>替换掩码文件？</translation>
    </message>
    <message>
        <source>Replace %1 with the fixed masks? The pruning tool that wrote it will load the fixed ones.</source>
        <translation>要用修复后的掩码替换 %1 吗？生成该文件的剪枝工具将加载修复后的掩码。</translation>
    </message>
    <message>
        <source>Save Fixed Masks</source>
        <translation>保存修复后的掩码</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n conflict(s)</source>
        <translation>
            <numerusform>%1：%n 处冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>reference: %1</source>
        <translation>reference: %1（以此层为准）</translation>
    </message>
    <message>
        <source> (no mask)</source>
        <translation>（无掩码）</translation>
    </message>
    <message>
        <source>Unsaved mask fixes</source>
        <translation>掩码修复尚未保存</translation>
    </message>
    <message>
        <source>The fixed masks have not been saved. Load other masks and lose the fixes?</source>
        <translation>修复后的掩码尚未保存。要加载其他掩码并放弃这些修复吗？</translation>
    </message>
    <message>
        <source>Cannot load the masks</source>
        <translation>无法加载掩码</translation>
    </message>
    <message>
        <source>Cannot change the masks</source>
        <translation>无法修改掩码</translation>
    </message>
    <message>
        <source>Cannot save the masks</source>
        <translation>无法保存掩码</translation>
    </message>
    <message>
        <source>NNI masks, torch.save (*.pth)</source>
        <translation>NNI 掩码，torch.save (*.pth)</translation>
    </message>
    <message>
        <source>Prunescope JSON masks (*.json)</source>
        <translation>Prunescope JSON 掩码 (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n conflict(s); saved to %2</source>
        <translation>
            <numerusform>%1：%n 处冲突；已保存到 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The strategy went back to union: %1, the reference layer, is not in this set.</source>
        <translation>策略已恢复为 union：参考层 %1 不在此依赖集中。</translation>
    </message>
    <message>
        <source>Loaded from %1, saved to %2</source>
        <translation>从 %1 载入，已保存到 %2</translation>
    </message>
    <message>
        <source>Export Pruned Model…</source>
        <translation>导出剪枝后的模型…</translation>
    </message>
    <message>
        <source>Remove the masked channels for real (masks fixed under the strict pruning groups with the chosen strategy), verify the smaller model and write it</source>
        <translation>真正移除被掩码的通道（掩码先按所选策略在严格剪枝组下修复），验证更小的模型并写出</translation>
    </message>
    <message>
        <source>Export Pruned Model</source>
        <translation>导出剪枝后的模型</translation>
    </message>
    <message>
        <source>TorchScript (*.pt);;All files (*)</source>
        <translation>TorchScript (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fixing the masks under the strict pruning groups…</source>
        <translation>正在按严格剪枝组修复掩码…</translation>
    </message>
    <message>
        <source>Reading the model again…</source>
        <translation>正在重新读取模型…</translation>
    </message>
    <message>
        <source>Removing the pruned channels…</source>
        <translation>正在移除被剪掉的通道…</translation>
    </message>
    <message>
        <source>Verifying the pruned model on real tensors…</source>
        <translation>正在用真实张量验证剪枝后的模型…</translation>
    </message>
    <message>
        <source>Measuring latency before and after…</source>
        <translation>正在测量剪枝前后的延迟…</translation>
    </message>
    <message>
        <source>Writing the pruned model…</source>
        <translation>正在写出剪枝后的模型…</translation>
    </message>
    <message>
        <source>Pruning…</source>
        <translation>正在剪枝…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The engine&apos;s reply holds no pruning result.</source>
        <translation>分析引擎的回复中没有剪枝结果。</translation>
    </message>
    <message>
        <source>Cannot export the pruned model</source>
        <translation>无法导出剪枝后的模型</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::MiniMap</name>
    <message>
        <source>Overview: drag the rectangle, or click, to move the view</source>
        <translation>概览：拖动矩形或单击以移动视图</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::ModuleTreeModel</name>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>the whole model</source>
        <translation>整个模型</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限时</translation>
    </message>
    <message>
        <source>A model or file that keeps the engine busy longer is stopped; the open model stays.</source>
        <translation>超过此时间仍未完成的模型或文件将被停止；已打开的模型保持不变。</translation>
    </message>
    <message>
        <source>Stop the engine after:</source>
        <translation>引擎超时停止：</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PropertiesModel</name>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>In module</source>
        <translation>所属模块</translation>
    </message>
    <message>
        <source>(the model)</source>
        <translation>（模型本身）</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用序号</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>执行次数</translation>
    </message>
    <message>
        <source>Weight shape</source>
        <translation>权重形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Input shapes</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>Output shapes</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Dependency set</source>
        <translation>依赖集</translation>
    </message>
    <message>
        <source>Set %1: %2</source>
        <translation>依赖集 %1：%2</translation>
    </message>
    <message>
        <source>Set %1 (alone)</source>
        <translation>依赖集 %1（仅此一层）</translation>
    </message>
    <message>
        <source>Input-channel set</source>
        <translation>输入通道依赖集</translation>
    </message>
    <message>
        <source>Group constraint</source>
        <translation>分组约束</translation>
    </message>
    <message>
        <source>filters divisible by %1 (min groups %2)</source>
        <translation>滤波器数须能被 %1 整除（最小分组数 %2）</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子模块</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) inside not safe to prune</source>
        <translation>
            <numerusform>内部有 %n 个层剪枝不安全</numerusform>
        </translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not safe to prune: reaches %1. %2</source>
        <translation>剪枝不安全：到达 %1。%2</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation>膨胀</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组数</translation>
    </message>
    <message>
        <source>Output padding</source>
        <translation>输出填充</translation>
    </message>
    <message>
        <source>Transposed</source>
        <translation>转置</translation>
    </message>
    <message>
        <source>In channels</source>
        <translation>输入通道数</translation>
    </message>
    <message>
        <source>Out channels</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>卷积核大小</translation>
    </message>
    <message>
        <source>In features</source>
        <translation>输入特征数</translation>
    </message>
    <message>
        <source>Out features</source>
        <translation>输出特征数</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征数</translation>
    </message>
    <message>
        <source>Norm groups</source>
        <translation>归一化分组数</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入数</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Model output</source>
        <translation>模型输出</translation>
    </message>
    <message>
        <source>Model input</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Not safe to prune: %1</source>
        <translation>剪枝不安全：%1</translation>
    </message>
    <message>
        <source>Strict vs NNI v2.9</source>
        <translation>严格规则与 NNI v2.9</translation>
    </message>
    <message numerus="yes">
        <source>Set %1 (%n layer(s))</source>
        <translation>
            <numerusform>集合 %1（%n 个层）</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Pruning group</source>
        <translation>剪枝组</translation>
    </message>
    <message>
        <source>Group %1, root %2</source>
        <translation>第 %1 组，根层 %2</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Not prunable</source>
        <translation>不可剪枝</translation>
    </message>
    <message>
        <source>Channels kept</source>
        <translation>保留的通道</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s) must stay</source>
        <translation>
            <numerusform>%n 个通道必须保留</numerusform>
        </translation>
    </message>
    <message>
        <source>Constraint</source>
        <translation>约束</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PruneComparisonModel</name>
    <message>
        <source>%1 (call %2)</source>
        <translation>%1（第 %2 次调用）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>FLOPs before</source>
        <translation>剪枝前 FLOPs</translation>
    </message>
    <message>
        <source>FLOPs after</source>
        <translation>剪枝后 FLOPs</translation>
    </message>
    <message>
        <source>FLOPs change</source>
        <translation>FLOPs 变化</translation>
    </message>
    <message>
        <source>Params before</source>
        <translation>剪枝前参数量</translation>
    </message>
    <message>
        <source>Params after</source>
        <translation>剪枝后参数量</translation>
    </message>
    <message>
        <source>Params change</source>
        <translation>参数量变化</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::PruneResultDialog</name>
    <message>
        <source>Open in New Window</source>
        <translation>在新窗口中打开</translation>
    </message>
    <message>
        <source>Pruned Model</source>
        <translation>剪枝后的模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification passed.&lt;/b&gt;</source>
        <translation>&lt;b&gt;验证通过。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Verification failed.&lt;/b&gt;</source>
        <translation>&lt;b&gt;验证失败。&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>On real tensors, the pruned model computes what the original computes with the removed channels silenced: max |error| %1, relative %2 (tolerance %3), %n tensor(s) compared.</source>
        <translation>
            <numerusform>在真实张量上，剪枝后的模型与屏蔽了被移除通道的原模型计算结果一致：最大 |误差| %1，相对误差 %2（容差 %3），共比较了 %n 个张量。</numerusform>
        </translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Masks fixed under the strict pruning groups (strategy %1): %n group(s) whose masks disagreed or broke a rule.</source>
        <translation>
            <numerusform>掩码已按严格剪枝组修复（策略 %1）：%n 个组的掩码不一致或违反了规则。</numerusform>
        </translation>
    </message>
    <message>
        <source>Before / After</source>
        <translation>剪枝前 / 剪枝后</translation>
    </message>
    <message>
        <source>Per Layer (FLOPs, %1 mode)</source>
        <translation>逐层（FLOPs，%1 模式）</translation>
    </message>
    <message>
        <source>Per Layer</source>
        <translation>逐层</translation>
    </message>
    <message>
        <source>Open the pruned model in a new window, with the same example input</source>
        <translation>在新窗口中打开剪枝后的模型，使用相同的示例输入</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>剪枝前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>剪枝后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>MACs (extended)</source>
        <translation>MACs（扩展模式）</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Latency, 1 thread</source>
        <translation>延迟，1 个线程</translation>
    </message>
    <message numerus="yes">
        <source>Latency, %n thread(s)</source>
        <translation>
            <numerusform>延迟，%n 个线程</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>prunescope::ui::RulesMenu</name>
    <message>
        <source>&amp;Rules</source>
        <translation>规则(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Strict (pruning groups that follow every channel)</source>
        <translation>严格(&amp;S)（跟踪每个通道的剪枝组）</translation>
    </message>
    <message>
        <source>&amp;NNI v2.9 (dependency sets)</source>
        <translation>&amp;NNI v2.9（依赖集）</translation>
    </message>
</context>
<context>
    <name>prunescope::ui::Session</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The analysis engine %1 speaks protocol &quot;%2&quot;, and this Prunescope needs &quot;%3&quot;. Install the prunescope-cli of the same version as the app (the package installs both), or point PRUNESCOPE_CLI at it.</source>
        <translation>分析引擎 %1 使用的协议是“%2”，而此版本的 Prunescope 需要“%3”。请安装与本程序版本相同的 prunescope-cli（软件包会同时安装两者），或将 PRUNESCOPE_CLI 指向它。</translation>
    </message>
    <message>
        <source>(none: %1)</source>
        <translation>（无：%1）</translation>
    </message>
    <message>
        <source>Cancelled; the analysis engine did not stop and was restarted.</source>
        <translation>已取消；分析引擎未能停止，已将其重新启动。</translation>
    </message>
    <message numerus="yes">
        <source>The analysis engine did not answer within %n second(s) and was stopped. The model may be too large for the example input, or the file makes libtorch loop. Raise the limit in Preferences if the model only needs more time.</source>
        <translation>
            <numerusform>分析引擎在 %n 秒内没有响应，已被停止。模型对示例输入而言可能过大，或者该文件使 libtorch 陷入循环。如果模型只是需要更多时间，请在首选项中提高时限。</numerusform>
        </translation>
    </message>
</context>
</TS>
