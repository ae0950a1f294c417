<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>A11y</name>
    <message>
        <source>%1 choices</source>
        <translation>%1 个选项</translation>
    </message>
    <message>
        <source>Use the arrow keys to choose.</source>
        <translation>用方向键选择。</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图片(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Speech</source>
        <translation>朗读(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <source>Choose an image file to describe.</source>
        <translation>选择要描述的图片文件。</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <source>Describe the image or image file on the clipboard.</source>
        <translation>描述剪贴板上的图片或图片文件。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close AltText.</source>
        <translation>关闭 AltText。</translation>
    </message>
    <message>
        <source>&amp;Copy Alt Text</source>
        <translation>复制替代文本(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the alt text in the chosen format.</source>
        <translation>按所选格式复制替代文本。</translation>
    </message>
    <message>
        <source>Copy as &amp;Plain Text</source>
        <translation>复制为纯文本(&amp;P)</translation>
    </message>
    <message>
        <source>Copy the alt text as plain text.</source>
        <translation>将替代文本复制为纯文本。</translation>
    </message>
    <message>
        <source>Copy as &amp;HTML</source>
        <translation>复制为 HTML(&amp;H)</translation>
    </message>
    <message>
        <source>Copy an HTML img tag with this alt text.</source>
        <translation>复制带有此替代文本的 HTML img 标签。</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>复制为 Markdown(&amp;M)</translation>
    </message>
    <message>
        <source>Copy a Markdown image with this alt text.</source>
        <translation>复制带有此替代文本的 Markdown 图片。</translation>
    </message>
    <message>
        <source>&amp;Edit Alt Text</source>
        <translation>编辑替代文本(&amp;E)</translation>
    </message>
    <message>
        <source>Move to the alt text field.</source>
        <translation>转到替代文本框。</translation>
    </message>
    <message>
        <source>Mark as &amp;Decorative</source>
        <translation>标记为装饰性图片(&amp;D)</translation>
    </message>
    <message>
        <source>Decorative images get empty alt text (alt=&quot;&quot;) so screen readers skip them.</source>
        <translation>装饰性图片使用空替代文本（alt=&quot;&quot;），屏幕阅读器会跳过它们。</translation>
    </message>
    <message>
        <source>&amp;Use New Description</source>
        <translation>使用新描述(&amp;U)</translation>
    </message>
    <message>
        <source>Replace your text with the new description.</source>
        <translation>用新描述替换你的文字。</translation>
    </message>
    <message>
        <source>&amp;Keep My Text</source>
        <translation>保留我的文字(&amp;K)</translation>
    </message>
    <message>
        <source>Keep your text and drop the new description.</source>
        <translation>保留你的文字，舍弃新描述。</translation>
    </message>
    <message>
        <source>&amp;Describe Again</source>
        <translation>重新描述(&amp;D)</translation>
    </message>
    <message>
        <source>Describe the current image again with the current settings.</source>
        <translation>用当前设置重新描述当前图片。</translation>
    </message>
    <message>
        <source>&amp;More Detail</source>
        <translation>更多细节(&amp;M)</translation>
    </message>
    <message>
        <source>Describe the image at more length, beside the alt text.</source>
        <translation>在替代文本之外，更详细地描述图片。</translation>
    </message>
    <message>
        <source>As&amp;k About the Image</source>
        <translation>询问图片(&amp;K)</translation>
    </message>
    <message>
        <source>Move to the question field to ask about the image.</source>
        <translation>转到问题输入框，就图片提问。</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>Stop describing the image.</source>
        <translation>停止描述图片。</translation>
    </message>
    <message>
        <source>Describe the &amp;Screen</source>
        <translation>描述屏幕(&amp;S)</translation>
    </message>
    <message>
        <source>Describe everything on the screen; AltText hides itself while it looks.</source>
        <translation>描述整个屏幕上的内容；查看时 AltText 会先隐藏自己。</translation>
    </message>
    <message>
        <source>Describe the Active &amp;Window</source>
        <translation>描述当前窗口(&amp;W)</translation>
    </message>
    <message>
        <source>Describe the window of the program you were using.</source>
        <translation>描述你刚才所用程序的窗口。</translation>
    </message>
    <message>
        <source>Describe a &amp;Region…</source>
        <translation>描述屏幕区域(&amp;R)…</translation>
    </message>
    <message>
        <source>Choose part of the screen with the arrow keys, then describe it.</source>
        <translation>用方向键选择屏幕的一部分，然后描述它。</translation>
    </message>
    <message>
        <source>&amp;Watch the Clipboard for Images</source>
        <translation>监视剪贴板中的图片(&amp;W)</translation>
    </message>
    <message>
        <source>Describe every new image copied in any program.</source>
        <translation>描述在任何程序中新复制的每张图片。</translation>
    </message>
    <message>
        <source>&amp;Speak</source>
        <translation>朗读(&amp;S)</translation>
    </message>
    <message>
        <source>Read the alt text aloud.</source>
        <translation>朗读替代文本。</translation>
    </message>
    <message>
        <source>S&amp;top Speaking</source>
        <translation>停止朗读(&amp;T)</translation>
    </message>
    <message>
        <source>Stop reading aloud.</source>
        <translation>停止朗读。</translation>
    </message>
    <message>
        <source>Save Speech as &amp;WAV…</source>
        <translation>将朗读保存为 WAV(&amp;W)…</translation>
    </message>
    <message>
        <source>Save the alt text read aloud as a WAV sound file.</source>
        <translation>将朗读的替代文本保存为 WAV 声音文件。</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Install, remove and choose captioning models.</source>
        <translation>安装、删除和选择描述模型。</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Choose voice, speed, copy format and model.</source>
        <translation>选择语音、语速、复制格式和模型。</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut.</source>
        <translation>列出所有键盘快捷键。</translation>
    </message>
    <message>
        <source>&amp;About AltText</source>
        <translation>关于 AltText(&amp;A)</translation>
    </message>
    <message>
        <source>Version and privacy information.</source>
        <translation>版本和隐私信息。</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>更多菜单</translation>
    </message>
    <message>
        <source>%1 Shortcut: %2.</source>
        <translation>%1快捷键：%2。</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AskPanel</name>
    <message>
        <source>For example: What does the sign say?</source>
        <translation>例如：牌子上写的是什么？</translation>
    </message>
    <message>
        <source>Question about the image</source>
        <translation>关于图片的问题</translation>
    </message>
    <message>
        <source>Ask about the image (Alt+Q)</source>
        <translation>询问图片 (Alt+Q)</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Ask the question</source>
        <translation>提出问题</translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation>问题与回答</translation>
    </message>
    <message>
        <source>Copy Answer</source>
        <translation>复制回答</translation>
    </message>
    <message>
        <source>Copy the selected answer</source>
        <translation>复制所选回答</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>回答：%1</translation>
    </message>
    <message>
        <source>Q: %1
A: %2</source>
        <translation>问：%1
答：%2</translation>
    </message>
    <message>
        <source>Question: %1. Answer: %2</source>
        <translation>问题：%1。回答：%2</translation>
    </message>
</context>
<context>
    <name>CaptionEdit</name>
    <message>
        <source>Alt text</source>
        <translation>替代文本</translation>
    </message>
    <message>
        <source>The description of the image. You can edit it before copying.</source>
        <translation>图片的描述。复制前可以修改。</translation>
    </message>
    <message>
        <source>The description appears here. You can edit it.</source>
        <translation>描述会显示在这里，你可以修改。</translation>
    </message>
</context>
<context>
    <name>CaptionPanel</name>
    <message>
        <source>Alt text</source>
        <translation>替代文本</translation>
    </message>
    <message>
        <source>Length of the alt text</source>
        <translation>替代文本的长度</translation>
    </message>
    <message>
        <source>New description</source>
        <translation>新描述</translation>
    </message>
    <message>
        <source>Replace (Alt+R)</source>
        <translation>替换 (Alt+R)</translation>
    </message>
    <message>
        <source>Replace my text with the new description</source>
        <translation>用新描述替换我的文字</translation>
    </message>
    <message>
        <source>Keep Mine (Alt+K)</source>
        <translation>保留我的 (Alt+K)</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>保留我的文字</translation>
    </message>
    <message>
        <source>Decorative image (Ctrl+D)</source>
        <translation>装饰性图片 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Decorative image</source>
        <translation>装饰性图片</translation>
    </message>
    <message>
        <source>Text found in the image</source>
        <translation>图片中找到的文字</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n characters, %2 over</source>
        <translation>
            <numerusform>%1 / %n 个字符，超出 %2 个</numerusform>
        </translation>
    </message>
    <message>
        <source>A new description is ready: “%1”</source>
        <translation>新描述已就绪：“%1”</translation>
    </message>
    <message>
        <source>the built-in describer</source>
        <translation>内置描述器</translation>
    </message>
    <message>
        <source>%1, described by %2 in %3 s.</source>
        <translation>%1，由%2描述，用时 %3 秒。</translation>
    </message>
    <message>
        <source>Described by %2 in %3 s.</source>
        <translation>由%2描述，用时 %3 秒。</translation>
    </message>
    <message>
        <source>Longer than the limit: consider shortening it.</source>
        <translation>超过了长度上限：请考虑缩短。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n characters</source>
        <translation>
            <numerusform>%1 / %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Screen readers read alt text in one go, so short is better.</source>
        <translation>屏幕阅读器会一次读完替代文本，所以越短越好。</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>More detail</source>
        <translation>更多细节</translation>
    </message>
    <message>
        <source>Copy Detail</source>
        <translation>复制详细描述</translation>
    </message>
    <message>
        <source>Copy the detailed description</source>
        <translation>复制详细描述</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自%1</translation>
    </message>
    <message>
        <source>More detail: %1</source>
        <translation>更多细节：%1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 %2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Offline, private alt text for any image. Images never leave this computer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 %2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;离线、私密地为任何图片生成替代文本。图片绝不会离开这台电脑。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>DownloadProgress</name>
    <message>
        <source>Download progress</source>
        <translation>下载进度</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>下载状态</translation>
    </message>
    <message>
        <source>No download running.</source>
        <translation>没有正在进行的下载。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Asking the model server for the file list…</source>
        <translation>正在向模型服务器获取文件列表…</translation>
    </message>
    <message>
        <source>Checking and installing…</source>
        <translation>正在检查并安装…</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 / %2（%3%）</translation>
    </message>
    <message>
        <source>%1 percent</source>
        <translation>百分之 %1</translation>
    </message>
</context>
<context>
    <name>Drop</name>
    <message>
        <source>The clipboard is empty.</source>
        <translation>剪贴板是空的。</translation>
    </message>
    <message>
        <source>AltText works offline, so it cannot open web addresses; save the image first.</source>
        <translation>AltText 离线工作，无法打开网址；请先保存图片。</translation>
    </message>
    <message>
        <source>There is no image or image file on the clipboard.</source>
        <translation>剪贴板上没有图片或图片文件。</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Drop an image here,
or press Ctrl+O to open one,
or Ctrl+V to paste one.</source>
        <translation>把图片拖到这里，
或按 Ctrl+O 打开图片，
或按 Ctrl+V 粘贴图片。</translation>
    </message>
    <message>
        <source>Image preview</source>
        <translation>图片预览</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation>%1 的预览</translation>
    </message>
</context>
<context>
    <name>Interactive</name>
    <message>
        <source>Open, paste or drop an image first.</source>
        <translation>请先打开、粘贴或拖入一张图片。</translation>
    </message>
    <message>
        <source>Thinking about your question…</source>
        <translation>正在思考你的问题…</translation>
    </message>
    <message>
        <source>Writing a longer description…</source>
        <translation>正在撰写更详细的描述…</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Graphic</source>
        <translation>图形</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Dialog</source>
        <translation>对话框</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The window, its messages and the descriptions change to this language as soon as you press OK.</source>
        <translation>按“确定”后，窗口、提示信息和描述会立即切换为此语言。</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>系统语言（%1）</translation>
    </message>
</context>
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
        <translation>复制了新图片，正在描述。</translation>
    </message>
    <message>
        <source>Watching the clipboard for images.</source>
        <translation>正在监视剪贴板中的图片。</translation>
    </message>
    <message>
        <source>No longer watching the clipboard.</source>
        <translation>已停止监视剪贴板。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Describing the image</source>
        <translation>正在描述图片</translation>
    </message>
    <message>
        <source>Ready. Open, paste or drop an image.</source>
        <translation>就绪。请打开、粘贴或拖入一张图片。</translation>
    </message>
    <message numerus="yes">
        <source>Describing the first of %n images; AltText describes one at a time.</source>
        <translation>
            <numerusform>正在描述 %n 张图片中的第一张；AltText 一次描述一张。</numerusform>
        </translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Open, paste or drop an image first.</source>
        <translation>请先打开、粘贴或拖入一张图片。</translation>
    </message>
    <message>
        <source>Stopped describing.</source>
        <translation>已停止描述。</translation>
    </message>
    <message>
        <source>AltText could not describe this image; please write the alt text yourself.</source>
        <translation>AltText 无法描述这张图片；请自己撰写替代文本。</translation>
    </message>
    <message>
        <source>A new description is ready: %1 Your text was kept; press Alt+R to use the new one or Alt+K to keep yours.</source>
        <translation>新描述已就绪：%1 你的文字已保留；按 Alt+R 使用新描述，或按 Alt+K 保留你的文字。</translation>
    </message>
    <message>
        <source>Description ready.</source>
        <translation>描述已就绪。</translation>
    </message>
    <message>
        <source>Not described — %1</source>
        <translation>未能描述 — %1</translation>
    </message>
    <message>
        <source>Kept your text.</source>
        <translation>已保留你的文字。</translation>
    </message>
    <message>
        <source>Marked as decorative: HTML and Markdown copies get empty alt text.</source>
        <translation>已标记为装饰性图片：复制为 HTML 和 Markdown 时使用空替代文本。</translation>
    </message>
    <message>
        <source>No longer decorative: copies use the alt text.</source>
        <translation>不再是装饰性图片：复制时使用替代文本。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Download, remove or choose the model that writes alt text. Downloads happen only when you press Download.</source>
        <translation>下载、删除或选择撰写替代文本的模型。只有在你按下“下载”时才会下载。</translation>
    </message>
    <message>
        <source>About the selected model</source>
        <translation>关于所选模型</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation>下载所选模型</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the running download</source>
        <translation>停止正在进行的下载</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Delete the selected model to free space</source>
        <translation>删除所选模型以释放空间</translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation>使用此模型(&amp;U)</translation>
    </message>
    <message>
        <source>Write alt text with the selected model</source>
        <translation>用所选模型撰写替代文本</translation>
    </message>
    <message>
        <source>Use &amp;built-in describer</source>
        <translation>使用内置描述器(&amp;B)</translation>
    </message>
    <message>
        <source>Write alt text without a downloaded model</source>
        <translation>不用下载的模型撰写替代文本</translation>
    </message>
    <message>
        <source>&amp;Import folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Install a model folder you carried over</source>
        <translation>安装你带来的模型文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <source>Where models are installed</source>
        <translation>模型的安装位置</translation>
    </message>
    <message>
        <source>Model folder: %1</source>
        <translation>模型文件夹：%1</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>Download cancelled. Nothing was installed; Download resumes where it stopped.</source>
        <translation>下载已取消。没有安装任何内容；再次下载会从中断处继续。</translation>
    </message>
    <message>
        <source>Installed %1 (%2).</source>
        <translation>已安装 %1（%2）。</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <source>Removed %1; freed %2.</source>
        <translation>已删除 %1；释放了 %2。</translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Remove %1 and free %2?</source>
        <translation>删除 %1 并释放 %2 吗？</translation>
    </message>
    <message>
        <source>the built-in describer</source>
        <translation>内置描述器</translation>
    </message>
    <message>
        <source>Alt text now comes from %1.</source>
        <translation>替代文本现在由%1撰写。</translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation>导入模型文件夹</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported %1 (%2).</source>
        <translation>已导入 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>ModelsTable</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>COCO CIDEr</source>
        <translation>COCO CIDEr</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Use the arrow keys to pick a model.</source>
        <translation>用方向键选择模型。</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Recommended, not installed</source>
        <translation>推荐，未安装</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Active, fast (ONNX)</source>
        <translation>使用中，快速 (ONNX)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Installed, fast (ONNX)</source>
        <translation>已安装，快速 (ONNX)</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Its version is not pinned yet, so a download gets the newest one.</source>
        <translation>其版本尚未固定，因此下载会获取最新版本。</translation>
    </message>
    <message>
        <source>Installed in %1 (%2).</source>
        <translation>安装在 %1（%2）。</translation>
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
    <name>SettingsDialog</name>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>HTML &lt;img&gt; tag</source>
        <translation>HTML &lt;img&gt; 标签</translation>
    </message>
    <message>
        <source>Markdown image</source>
        <translation>Markdown 图片</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>ONNX Runtime</source>
        <translation>ONNX Runtime</translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>处理器 (CPU)</translation>
    </message>
    <message>
        <source>Graphics card (CUDA)</source>
        <translation>显卡 (CUDA)</translation>
    </message>
    <message>
        <source>Automatic (the active model, else built-in)</source>
        <translation>自动（使用中的模型，否则内置）</translation>
    </message>
    <message>
        <source>Built-in describer</source>
        <translation>内置描述器</translation>
    </message>
    <message>
        <source>AltText Settings</source>
        <translation>AltText 设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>默认语音</translation>
    </message>
    <message>
        <source>Loading the list of voices…</source>
        <translation>正在加载语音列表…</translation>
    </message>
    <message>
        <source> words per minute</source>
        <translation> 词/分钟</translation>
    </message>
    <message>
        <source>Speaking rate</source>
        <translation>语速</translation>
    </message>
    <message>
        <source>&amp;Try Voice</source>
        <translation>试听语音(&amp;T)</translation>
    </message>
    <message>
        <source>Try voice</source>
        <translation>试听语音</translation>
    </message>
    <message>
        <source>Speak a short sentence with this voice and rate.</source>
        <translation>用此语音和语速朗读一个短句。</translation>
    </message>
    <message>
        <source>Speak &amp;automatically when a description is ready</source>
        <translation>描述就绪时自动朗读(&amp;A)</translation>
    </message>
    <message>
        <source>Also speak automatically while a &amp;screen reader runs</source>
        <translation>屏幕阅读器运行时也自动朗读(&amp;S)</translation>
    </message>
    <message>
        <source>Off by default: your screen reader already reads each new description, and two voices at once are hard to follow.</source>
        <translation>默认关闭：你的屏幕阅读器已经会朗读每个新描述，两个声音同时说话很难听清。</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>&amp;Voice:</source>
        <translation>语音(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>语速(&amp;R)：</translation>
    </message>
    <message>
        <source>A screen reader is running, so AltText does not also speak new descriptions unless you tick the box above.</source>
        <translation>屏幕阅读器正在运行，因此除非你勾选上面的选项，AltText 不会再朗读新描述。</translation>
    </message>
    <message>
        <source>Copy format</source>
        <translation>复制格式</translation>
    </message>
    <message>
        <source>C&amp;opy automatically when a description is ready</source>
        <translation>描述就绪时自动复制(&amp;O)</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy &amp;format:</source>
        <translation>复制格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Longest alt text</source>
        <translation>替代文本最大长度</translation>
    </message>
    <message>
        <source>Descriptions are cut at a word boundary to fit; %1 is the usual advice.</source>
        <translation>描述会在词边界处截断以适应长度；通常建议 %1。</translation>
    </message>
    <message>
        <source>Describer</source>
        <translation>描述器</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>后端(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Longest alt text:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message numerus="yes">
        <source>%n voice(s) available.</source>
        <translation>
            <numerusform>共有 %n 种语音可用。</numerusform>
        </translation>
    </message>
    <message>
        <source>No voices found.</source>
        <translation>没有找到语音。</translation>
    </message>
    <message>
        <source>This is how AltText will read your descriptions.</source>
        <translation>AltText 将这样朗读你的描述。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Speech is still starting; try again in a moment.</source>
        <translation>朗读功能仍在启动；请稍后再试。</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Reading the image…</source>
        <translation>正在读取图片…</translation>
    </message>
    <message>
        <source>Loading the describer…</source>
        <translation>正在加载描述器…</translation>
    </message>
    <message>
        <source>Describing the image…</source>
        <translation>正在描述图片…</translation>
    </message>
</context>
<context>
    <name>TextOutput</name>
    <message>
        <source>Saved the speech to %1.</source>
        <translation>已将朗读保存到 %1。</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>A decorative image has no alt text; copy as HTML or Markdown to get alt=&quot;&quot;.</source>
        <translation>装饰性图片没有替代文本；复制为 HTML 或 Markdown 可得到 alt=&quot;&quot;。</translation>
    </message>
    <message>
        <source>There is no alt text to copy yet.</source>
        <translation>还没有可复制的替代文本。</translation>
    </message>
    <message>
        <source>Description ready; copied as %1.</source>
        <translation>描述已就绪；已复制为%1。</translation>
    </message>
    <message>
        <source>Copied empty alt text (decorative) as %1.</source>
        <translation>已将空替代文本（装饰性）复制为%1。</translation>
    </message>
    <message>
        <source>Copied the alt text as %1.</source>
        <translation>已将替代文本复制为%1。</translation>
    </message>
    <message>
        <source>There is no alt text to read yet.</source>
        <translation>还没有可朗读的替代文本。</translation>
    </message>
    <message>
        <source>There is no alt text to save yet.</source>
        <translation>还没有可保存的替代文本。</translation>
    </message>
    <message>
        <source>Save Speech</source>
        <translation>保存朗读</translation>
    </message>
    <message>
        <source>WAV sound (*.wav)</source>
        <translation>WAV 声音 (*.wav)</translation>
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
