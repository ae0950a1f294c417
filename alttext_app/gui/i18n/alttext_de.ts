<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>A11y</name>
    <message>
        <source>%1 choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the arrow keys to choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>B&amp;ild</translation>
    </message>
    <message>
        <source>&amp;Speech</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>Bild ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Choose an image file to describe.</source>
        <translation>Eine Bilddatei zum Beschreiben wählen.</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>Bild ein&amp;fügen</translation>
    </message>
    <message>
        <source>Describe the image or image file on the clipboard.</source>
        <translation>Das Bild oder die Bilddatei in der Zwischenablage beschreiben.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close AltText.</source>
        <translation>AltText schließen.</translation>
    </message>
    <message>
        <source>&amp;Copy Alt Text</source>
        <translation>Alternativtext &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the alt text in the chosen format.</source>
        <translation>Den Alternativtext im gewählten Format kopieren.</translation>
    </message>
    <message>
        <source>Copy as &amp;Plain Text</source>
        <translation>Als &amp;reinen Text kopieren</translation>
    </message>
    <message>
        <source>Copy the alt text as plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;HTML</source>
        <translation>Als &amp;HTML kopieren</translation>
    </message>
    <message>
        <source>Copy an HTML img tag with this alt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>Als &amp;Markdown kopieren</translation>
    </message>
    <message>
        <source>Copy a Markdown image with this alt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Alt Text</source>
        <translation>Alternativtext &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Move to the alt text field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;Decorative</source>
        <translation>Als &amp;dekorativ markieren</translation>
    </message>
    <message>
        <source>Decorative images get empty alt text (alt=&quot;&quot;) so screen readers skip them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use New Description</source>
        <translation>Neue Beschreibung &amp;verwenden</translation>
    </message>
    <message>
        <source>Replace your text with the new description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep My Text</source>
        <translation>Meinen Text &amp;behalten</translation>
    </message>
    <message>
        <source>Keep your text and drop the new description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Describe Again</source>
        <translation>Erneut &amp;beschreiben</translation>
    </message>
    <message>
        <source>Describe the current image again with the current settings.</source>
        <translation>Das aktuelle Bild mit den aktuellen Einstellungen erneut beschreiben.</translation>
    </message>
    <message>
        <source>&amp;More Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the image at more length, beside the alt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As&amp;k About the Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the question field to ask about the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ab&amp;brechen</translation>
    </message>
    <message>
        <source>Stop describing the image.</source>
        <translation>Das Beschreiben des Bildes abbrechen.</translation>
    </message>
    <message>
        <source>Describe the &amp;Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe everything on the screen; AltText hides itself while it looks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the Active &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the window of the program you were using.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe a &amp;Region…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose part of the screen with the arrow keys, then describe it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch the Clipboard for Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe every new image copied in any program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Speak</source>
        <translation>&amp;Vorlesen</translation>
    </message>
    <message>
        <source>Read the alt text aloud.</source>
        <translation>Den Alternativtext vorlesen.</translation>
    </message>
    <message>
        <source>S&amp;top Speaking</source>
        <translation>Vorlesen be&amp;enden</translation>
    </message>
    <message>
        <source>Stop reading aloud.</source>
        <translation>Vorlesen beenden.</translation>
    </message>
    <message>
        <source>Save Speech as &amp;WAV…</source>
        <translation>Sprache als &amp;WAV speichern…</translation>
    </message>
    <message>
        <source>Save the alt text read aloud as a WAV sound file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modelle…</translation>
    </message>
    <message>
        <source>Install, remove and choose captioning models.</source>
        <translation>Beschreibungsmodelle installieren, entfernen und auswählen.</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Choose voice, speed, copy format and model.</source>
        <translation>Stimme, Tempo, Kopierformat und Modell wählen.</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut.</source>
        <translation>Alle Tastenkürzel anzeigen.</translation>
    </message>
    <message>
        <source>&amp;About AltText</source>
        <translation>Über &amp;AltText</translation>
    </message>
    <message>
        <source>Version and privacy information.</source>
        <translation>Version und Datenschutz.</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Shortcut: %2.</source>
        <translation>%1 Tastenkürzel: %2.</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>AskPanel</name>
    <message>
        <source>For example: What does the sign say?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question about the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask about the image (Alt+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q: %1
A: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question: %1. Answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptionEdit</name>
    <message>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <source>The description of the image. You can edit it before copying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The description appears here. You can edit it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptionPanel</name>
    <message>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <source>Length of the alt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New description</source>
        <translation>Neue Beschreibung</translation>
    </message>
    <message>
        <source>Replace (Alt+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace my text with the new description</source>
        <translation>Meinen Text durch die neue Beschreibung ersetzen</translation>
    </message>
    <message>
        <source>Keep Mine (Alt+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>Meinen Text behalten</translation>
    </message>
    <message>
        <source>Decorative image (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decorative image</source>
        <translation>Dekoratives Bild</translation>
    </message>
    <message>
        <source>Text found in the image</source>
        <translation>Im Bild gefundener Text</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n characters, %2 over</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A new description is ready: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the built-in describer</source>
        <translation>dem eingebauten Beschreiber</translation>
    </message>
    <message>
        <source>%1, described by %2 in %3 s.</source>
        <translation>%1, beschrieben von %2 in %3 s.</translation>
    </message>
    <message>
        <source>Described by %2 in %3 s.</source>
        <translation>Beschrieben von %2 in %3 s.</translation>
    </message>
    <message>
        <source>Longer than the limit: consider shortening it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n characters</source>
        <translation>
            <numerusform>%1 von %n Zeichen</numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Screen readers read alt text in one go, so short is better.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>More detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the detailed description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More detail: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 %2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Offline, private alt text for any image. Images never leave this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadProgress</name>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No download running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the model server for the file list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking and installing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 percent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Drop</name>
    <message>
        <source>The clipboard is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AltText works offline, so it cannot open web addresses; save the image first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image or image file on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Drop an image here,
or press Ctrl+O to open one,
or Ctrl+V to paste one.</source>
        <translation>Ziehen Sie ein Bild hierher,
oder öffnen Sie eines mit Strg+O,
oder fügen Sie eines mit Strg+V ein.</translation>
    </message>
    <message>
        <source>Image preview</source>
        <translation>Bildvorschau</translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Interactive</name>
    <message>
        <source>Open, paste or drop an image first.</source>
        <translation>Öffnen, einfügen oder ziehen Sie zuerst ein Bild hierher.</translation>
    </message>
    <message>
        <source>Thinking about your question…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a longer description…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Bildschirmfoto</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Graphic</source>
        <translation>Grafik</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Dialog</source>
        <translation>Dialog</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The window, its messages and the descriptions change to this language as soon as you press OK.</source>
        <translation>Das Fenster, seine Meldungen und die Beschreibungen wechseln in diese Sprache, sobald Sie OK drücken.</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>No region chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describing {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new image was copied; describing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching the clipboard for images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer watching the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Describing the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Open, paste or drop an image.</source>
        <translation>Bereit. Öffnen, einfügen oder ziehen Sie ein Bild hierher.</translation>
    </message>
    <message numerus="yes">
        <source>Describing the first of %n images; AltText describes one at a time.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open, paste or drop an image first.</source>
        <translation>Öffnen, einfügen oder ziehen Sie zuerst ein Bild hierher.</translation>
    </message>
    <message>
        <source>Stopped describing.</source>
        <translation>Beschreiben abgebrochen.</translation>
    </message>
    <message>
        <source>AltText could not describe this image; please write the alt text yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new description is ready: %1 Your text was kept; press Alt+R to use the new one or Alt+K to keep yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description ready.</source>
        <translation>Beschreibung fertig.</translation>
    </message>
    <message>
        <source>Not described — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept your text.</source>
        <translation>Ihr Text wurde behalten.</translation>
    </message>
    <message>
        <source>Marked as decorative: HTML and Markdown copies get empty alt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer decorative: copies use the alt text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Download, remove or choose the model that writes alt text. Downloads happen only when you press Download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Download the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Delete the selected model to free space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write alt text with the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;built-in describer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write alt text without a downloaded model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install a model folder you carried over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where models are installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download cancelled. Nothing was installed; Download resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1; freed %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 and free %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the built-in describer</source>
        <translation>dem eingebauten Beschreiber</translation>
    </message>
    <message>
        <source>Alt text now comes from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsTable</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>COCO CIDEr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Use the arrow keys to pick a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended, not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Nicht installiert</translation>
    </message>
    <message>
        <source>Active, fast (ONNX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed, fast (ONNX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its version is not pinned yet, so a download gets the newest one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed in %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalScreenshot</name>
    <message>
        <source>The desktop did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no session bus to ask the desktop for a screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop offers no screenshot portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screenshot was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop could not take a screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screenshot could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <source>Choose a region of the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys move the frame, Shift with arrow keys changes its size, Ctrl makes small steps. Enter describes the region, Escape cancels. You can also drag with the mouse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region {w} by {h} pixels, {x} from the left, {y} from the top.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScreenCapture</name>
    <message>
        <source>the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the active window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other program&apos;s window is active to describe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>HTML &lt;img&gt; tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>ONNX Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Prozessor (CPU)</translation>
    </message>
    <message>
        <source>Graphics card (CUDA)</source>
        <translation>Grafikkarte (CUDA)</translation>
    </message>
    <message>
        <source>Automatic (the active model, else built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in describer</source>
        <translation>Eingebauter Beschreiber</translation>
    </message>
    <message>
        <source>AltText Settings</source>
        <translation>AltText-Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Standardstimme</translation>
    </message>
    <message>
        <source>Loading the list of voices…</source>
        <translation>Die Liste der Stimmen wird geladen…</translation>
    </message>
    <message>
        <source> words per minute</source>
        <translation> Wörter pro Minute</translation>
    </message>
    <message>
        <source>Speaking rate</source>
        <translation>Sprechtempo</translation>
    </message>
    <message>
        <source>&amp;Try Voice</source>
        <translation>Stimme &amp;testen</translation>
    </message>
    <message>
        <source>Try voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak a short sentence with this voice and rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak &amp;automatically when a description is ready</source>
        <translation>Fertige Beschreibungen &amp;automatisch vorlesen</translation>
    </message>
    <message>
        <source>Also speak automatically while a &amp;screen reader runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off by default: your screen reader already reads each new description, and two voices at once are hard to follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>&amp;Voice:</source>
        <translation>&amp;Stimme:</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <source>A screen reader is running, so AltText does not also speak new descriptions unless you tick the box above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy automatically when a description is ready</source>
        <translation>Fertige Beschreibungen automatisch k&amp;opieren</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;format:</source>
        <translation>Kopier&amp;format:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <source>Longest alt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descriptions are cut at a word boundary to fit; %1 is the usual advice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describer</source>
        <translation>Beschreiber</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>&amp;Longest alt text:</source>
        <translation>&amp;Längster Alternativtext:</translation>
    </message>
    <message numerus="yes">
        <source>%n voice(s) available.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No voices found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is how AltText will read your descriptions.</source>
        <translation>So liest AltText Ihre Beschreibungen vor.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeechController</name>
    <message>
        <source>Speech is still starting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Reading the image…</source>
        <translation>Das Bild wird gelesen…</translation>
    </message>
    <message>
        <source>Loading the describer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describing the image…</source>
        <translation>Das Bild wird beschrieben…</translation>
    </message>
</context>
<context>
    <name>TextOutput</name>
    <message>
        <source>Saved the speech to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decorative image has no alt text; copy as HTML or Markdown to get alt=&quot;&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no alt text to copy yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description ready; copied as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied empty alt text (decorative) as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the alt text as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no alt text to read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no alt text to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAV sound (*.wav)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>AltText</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or Hide AltText</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AltText: describe the screen, a window or the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
