<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LibraryActions</name>
    <message>
        <source>No region chosen.</source>
        <translation>未选择区域。</translation>
    </message>
    <message>
        <source>Describing {what}.</source>
        <translation>正在描述{what}。</translation>
    </message>
    <message>
        <source>A new image was copied; describing it.</source>
        <translation>复制了新图像，正在描述。</translation>
    </message>
    <message>
        <source>Watching the clipboard for images.</source>
        <translation>正在监视剪贴板中的图像。</translation>
    </message>
    <message>
        <source>No longer watching the clipboard.</source>
        <translation>已停止监视剪贴板。</translation>
    </message>
</context>
<context>
    <name>PortalScreenshot</name>
    <message>
        <source>The desktop did not answer.</source>
        <translation>桌面环境没有响应。</translation>
    </message>
    <message>
        <source>There is no session bus to ask the desktop for a screenshot.</source>
        <translation>没有会话总线，无法请求桌面截图。</translation>
    </message>
    <message>
        <source>This desktop offers no screenshot portal.</source>
        <translation>此桌面环境不提供截图门户。</translation>
    </message>
    <message>
        <source>The screenshot was cancelled.</source>
        <translation>截图已取消。</translation>
    </message>
    <message>
        <source>The desktop could not take a screenshot.</source>
        <translation>桌面环境无法截图。</translation>
    </message>
    <message>
        <source>The screenshot could not be read.</source>
        <translation>无法读取截图。</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <source>Choose a region of the screen</source>
        <translation>选择屏幕区域</translation>
    </message>
    <message>
        <source>Arrow keys move the frame, Shift with arrow keys changes its size, Ctrl makes small steps. Enter describes the region, Escape cancels. You can also drag with the mouse.</source>
        <translation>方向键移动选框，Shift 加方向键调整大小，按住 Ctrl 可微调。按 Enter 描述所选区域，按 Esc 取消。也可以用鼠标拖动选择。</translation>
    </message>
    <message>
        <source>Region {w} by {h} pixels, {x} from the left, {y} from the top.</source>
        <translation>区域大小 {w}×{h} 像素，距左边 {x}，距顶部 {y}。</translation>
    </message>
</context>
<context>
    <name>ScreenCapture</name>
    <message>
        <source>the screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>the active window</source>
        <translation>当前窗口</translation>
    </message>
    <message>
        <source>the chosen region</source>
        <translation>所选区域</translation>
    </message>
    <message>
        <source>No other program&apos;s window is active to describe.</source>
        <translation>没有其他程序的活动窗口可供描述。</translation>
    </message>
    <message>
        <source>The screen could not be read.</source>
        <translation>无法读取屏幕内容。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>AltText</source>
        <translation>AltText</translation>
    </message>
    <message>
        <source>Show or Hide AltText</source>
        <translation>显示或隐藏 AltText</translation>
    </message>
    <message>
        <source>AltText: describe the screen, a window or the clipboard</source>
        <translation>AltText：描述屏幕、窗口或剪贴板</translation>
    </message>
</context>
</TS>
