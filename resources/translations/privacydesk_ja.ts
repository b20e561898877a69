<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>Areas</name>
    <message>
        <location filename="../../src/privacydesk/ui/tabs/areas.py" line="+52"/>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data inventory</source>
        <translation>個人データ台帳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inquiries</source>
        <translation>開示等の請求・苦情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>教育・研修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access</source>
        <translation>アクセス権限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incidents</source>
        <translation>漏えい等事案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third parties</source>
        <translation>第三者提供・委託</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety measures</source>
        <translation>安全管理措置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog</source>
        <translation>カタログ</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/import_wizard.py" line="+510"/>
        <source>Match the columns</source>
        <translation>列と項目の対応</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each column of the file goes into a field of {list}, or is left out. The guesses are shown; change any of them.</source>
        <translation>ファイルの各列を{list}の項目に当てるか、取り込まずに残します。見出しから推測した対応を示しています。どれでも変更できます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Find &amp;automatically</source>
        <translation>自動で探す(&amp;A)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Header row</source>
        <translation>見出し行(&amp;H)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Column in the file</source>
        <translation>ファイルの列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First value</source>
        <translation>最初の値</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+31"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>How it was matched</source>
        <translation>対応の根拠</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Values for fields no column holds</source>
        <translation>どの列にもない項目の値</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+281"/>
        <source>Every required field has a column.</source>
        <translation>必須項目はすべて列があります。</translation>
    </message>
    <message>
        <location line="-275"/>
        <source>Cell words</source>
        <translation>セルの言葉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What a column&apos;s own words mean, e.g. 有 → yes, or “申込書” → an acquisition method (a code, a label or a name).</source>
        <translation>列で使われている言葉の意味。例: 有 → はい、「申込書」→ 取得方法（コード・表示名・名称で指定）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cell text</source>
        <translation>セルの文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Means</source>
        <translation>意味</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A&amp;dd</source>
        <translation>追加(&amp;D)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Reading the file…</source>
        <translation>ファイルを読んでいます…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Sheet “{sheet}” of {file}</source>
        <translation>{file} のシート「{sheet}」</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} ({encoding})</source>
        <translation>{file}（{encoding}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+31"/>
        <source>— ignore —</source>
        <translation>— 取り込まない —</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Column {n}</source>
        <translation>{n}列</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>— choose a field —</source>
        <translation>— 項目を選択 —</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Several columns may go here, each as a line “Header: value”.</source>
        <translation>複数の列を当てられます（1列ごとに「見出し: 値」の1行）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>by its header</source>
        <translation>見出しから</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown; nearest: {fields}</source>
        <translation>不明。近い項目: {fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left out here</source>
        <translation>ここで除外</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>chosen here</source>
        <translation>ここで選択</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row numbers: left out</source>
        <translation>行番号のため除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left out by the map</source>
        <translation>マップで除外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from the map</source>
        <translation>マップから</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Column “{header}” matches no field: choose its field, or “— ignore —”.</source>
        <translation>列「{header}」はどの項目にも当たりません。項目を選ぶか「— 取り込まない —」を選んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field} is required, but no column holds it: choose a column for it, or give its value below.</source>
        <translation>{field}は必須ですが、どの列にもありません。列を当てるか、下で値を指定してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column “{header}”: {problem}</source>
        <translation>列「{header}」: {problem}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Every column is decided.</source>
        <translation>すべての列の対応が決まりました。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A value for every row, for a field the file does not hold.</source>
        <translation>ファイルにない項目に、全行共通で入れる値です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Names or codes, separated by 、</source>
        <translation>名称またはコード（「、」区切り）</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/compare.py" line="+45"/>
        <source>Compare with the saved record</source>
        <translation>保存された記録と比べる</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your edit</source>
        <translation>あなたの編集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved by them</source>
        <translation>相手が保存した内容</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Close keeps your edits in the form; Reload in the form shows their version and drops your edits.</source>
        <translation>閉じてもフォームの編集は残ります。フォームの「再読み込み」で相手が保存した内容を表示します（あなたの編集は破棄されます）。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/connect.py" line="+105"/>
        <source>Connect to a team server</source>
        <translation>チームサーバーに接続</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved connections</source>
        <translation>保存した接続</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{mode}: encrypted, and the server&apos;s certificate must match its name (use it across any network you do not control)</source>
        <translation>{mode}: 暗号化し、サーバー証明書がサーバー名と一致することを確かめます（管理外のネットワークを通るときはこれを使ってください）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificate of the authority that signed the server&apos;s certificate. Empty: {unix} ({windows} on Windows).</source>
        <translation>サーバー証明書に署名した認証局の証明書です。空欄のときは {unix}（Windows では {windows}）を使います。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only if the server asks for one</source>
        <translation>サーバーが求める場合のみ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember password in the system keyring</source>
        <translation>パスワードをシステムのキーリングに保存する</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login</source>
        <translation>ログイン名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+103"/>
        <source>CA certificate</source>
        <translation>認証局の証明書</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>証明書 (*.crt *.pem);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Enter the server, the database and your login.</source>
        <translation>サーバー、データベース、ログイン名を入力してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CA certificate {path} does not exist.</source>
        <translation>認証局の証明書 {path} は存在しません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to {server}…</source>
        <translation>{server} に接続しています…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server asks for the password of {login}.</source>
        <translation>サーバーが {login} のパスワードを求めています。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server refused the login or its password.</source>
        <translation>サーバーがログイン名またはパスワードを拒否しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This database is not set up for PrivacyDesk yet; ask the server&apos;s administrator to run “{command}”.</source>
        <translation>このデータベースはまだ PrivacyDesk 用に準備されていません。サーバーの管理者に「{command}」の実行を依頼してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Cannot connect: {reason}</source>
        <translation>接続できません: {reason}</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../src/privacydesk/ui/tabs/dashboard.py" line="+146"/>
        <source>Duties, overdue first</source>
        <translation>対応事項（期限超過を先頭に表示）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue only</source>
        <translation>期限超過のみ</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+54"/>
        <source>Reading the duties…</source>
        <translation>対応事項を読み込んでいます…</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Open requests</source>
        <translation>対応中の開示等の請求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue duties</source>
        <translation>期限超過の対応事項</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incidents awaiting a report</source>
        <translation>報告待ちの漏えい等事案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training compliance</source>
        <translation>研修受講率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access reviews due</source>
        <translation>見直し時期のアクセス権限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grants held by untrained or departed staff</source>
        <translation>未受講者・退職者のアクセス権限</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The duties could not be read: {error}</source>
        <translation>対応事項を読み込めませんでした：{error}</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/editors.py" line="+288"/>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>日付は YYYY-MM-DD の形式で入力してください。</translation>
    </message>
</context>
<context>
    <name>DateTimeEditor</name>
    <message>
        <location line="+13"/>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>YYYY-MM-DD HH:MM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time in Japan time (JST)</source>
        <translation>日本時間（JST）の日時</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Enter a date and time as YYYY-MM-DD HH:MM (Japan time).</source>
        <translation>日時は YYYY-MM-DD HH:MM（日本時間）の形式で入力してください。</translation>
    </message>
</context>
<context>
    <name>DutyTableModel</name>
    <message>
        <location filename="../../src/privacydesk/ui/models/duty_model.py" line="+120"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days left</source>
        <translation>残り日数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>対応内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>根拠規定</translation>
    </message>
</context>
<context>
    <name>EntityView</name>
    <message>
        <location filename="../../src/privacydesk/ui/tabs/entity_view.py" line="+240"/>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to this record?</source>
        <translation>この記録の変更を保存しますか？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>保存しない</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>New record</source>
        <translation>新規作成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import from a spreadsheet…</source>
        <translation>スプレッドシートから取り込む…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/import_wizard.py" line="-545"/>
        <source>Choose the file</source>
        <translation>ファイルの選択</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An Excel workbook (.xlsx) or a CSV file (UTF-8 or Shift-JIS) whose rows are {list}. Title rows above the header are fine.</source>
        <translation>1行が{list}の1件にあたるExcelブック（.xlsx）またはCSVファイル（UTF-8またはShift-JIS）。見出しの上の表題行はそのままで構いません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type or paste the path of the file</source>
        <translation>ファイルのパスを入力または貼り付け</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Choose…</source>
        <translation>選択(&amp;C)…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encoding</source>
        <translation>文字コード</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Load map…</source>
        <translation>マップを読み込む(&amp;L)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start from the &amp;headers</source>
        <translation>見出しから始める(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave the map aside: every column is matched by its header</source>
        <translation>マップを使わず、すべての列を見出しで対応させます</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Map</source>
        <translation>マップ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is written before the last page: the import takes every row or none.</source>
        <translation>最後のページまで何も書き込みません。取り込みは全行か、何もしないかのどちらかです。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a spreadsheet</source>
        <translation>スプレッドシートの選択</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets ({patterns});;All files (*)</source>
        <translation>スプレッドシート ({patterns});;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the file…</source>
        <translation>ファイルを読んでいます…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The map names the sheet “{sheet}”, which this workbook does not have: choose the sheet.</source>
        <translation>マップのシート「{sheet}」はこのブックにありません。シートを選んでください。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Starting from {origin}.</source>
        <translation>{origin}から始めます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None: the columns are matched by their headers.</source>
        <translation>なし（列は見出しで対応させます）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load a map</source>
        <translation>マップの読み込み</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Maps (*.json);;All files (*)</source>
        <translation>マップ (*.json);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/tabs/entity_view.py" line="-313"/>
        <source>History of {what}</source>
        <translation>{what} の変更履歴</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When (JST)</source>
        <translation>日時（日本時間）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who / field</source>
        <translation>変更者／項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/import_wizard.py" line="+722"/>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every row or none: one row with an error, and nothing is written.</source>
        <translation>全行か、何もしないか。1行でも誤りがあれば何も書き込みません。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save map…</source>
        <translation>マップを保存(&amp;S)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the map as a file, for the command line or another computer</source>
        <translation>マップをファイルに書き出します（コマンドラインや別のパソコンで使えます）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Reading {file}…</source>
        <translation>{file} を読んでいます…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checking and writing {done} of {total} rows…</source>
        <translation>{total}行中{done}行を確認・書き込み中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelling…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Imported {file} into {list}.</source>
        <translation>{file} を{list}に取り込みました。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import cancelled.</source>
        <translation>取り込みを中止しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written.</source>
        <translation>何も書き込んでいません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <location line="+3"/>
        <source>The import stopped: nothing was written.</source>
        <translation>取り込みを中断しました。何も書き込んでいません。</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>1 error. Fix it in the file, or go back and change the map.</source>
        <translation>誤りが1件あります。ファイルを直すか、戻ってマップを変更してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} errors. Fix them in the file, or go back and change the map.</source>
        <translation>誤りが{n}件あります。ファイルを直すか、戻ってマップを変更してください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The import failed: {error}</source>
        <translation>取り込みに失敗しました: {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the map</source>
        <translation>マップの保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maps (*.json)</source>
        <translation>マップ (*.json)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The map was not saved: {error}</source>
        <translation>マップを保存できませんでした: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Map saved to {path}.</source>
        <translation>マップを {path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location line="-1234"/>
        <source>Import into {list}</source>
        <translation>{list}への取り込み</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the map used last time</source>
        <translation>前回使ったマップ</translation>
    </message>
    <message>
        <location line="+995"/>
        <source>{new} new, {changed} changed, {unchanged} unchanged</source>
        <translation>新規 {new}件、変更 {changed}件、変更なし {unchanged}件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>row {n}</source>
        <translation>{n}行目</translation>
    </message>
</context>
<context>
    <name>IntEditor</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/editors.py" line="-194"/>
        <source>Enter a whole number.</source>
        <translation>整数を入力してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/privacydesk/ui/main_window.py" line="+60"/>
        <source>PrivacyDesk — {name}</source>
        <translation>PrivacyDesk — {name}</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now…</source>
        <translation>今すぐバックアップ(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write an encrypted, verified copy</source>
        <translation>暗号化したコピーを作成し、検証します</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;passphrase…</source>
        <translation>パスフレーズの変更(&amp;P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lock</source>
        <translation>ロック(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the database and ask for the passphrase</source>
        <translation>データベースを閉じ、パスフレーズの入力を求めます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export every list to Excel…</source>
        <translation>すべての一覧を Excel に出力(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One workbook with a sheet for each list, every record in it</source>
        <translation>一覧ごとに1シート、すべての記録を1つのブックに出力します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect to a team server…</source>
        <translation>チームサーバーに接続(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work on the team&apos;s PostgreSQL server instead</source>
        <translation>チームの PostgreSQL サーバーで作業します</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import from a spreadsheet…</source>
        <translation>スプレッドシートから取り込む(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring an Excel or CSV file into the list shown</source>
        <translation>表示中の一覧にExcelまたはCSVファイルを取り込みます</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New record</source>
        <translation>新規作成(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Revert</source>
        <translation>元に戻す(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Records</source>
        <translation>記録(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load</source>
        <translation>再読み込み(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;History…</source>
        <translation>履歴(&amp;H)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Re&amp;ports</source>
        <translation>帳票(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reports…</source>
        <translation>帳票(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a PDF report, look at it, save or print it</source>
        <translation>PDF 帳票を作成し、内容を確認して保存・印刷します</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify database…</source>
        <translation>データベースの検証(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About PrivacyDesk</source>
        <translation>PrivacyDesk について(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Import from a spreadsheet</source>
        <translation>スプレッドシートから取り込む</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into which list?</source>
        <translation>どの一覧に取り込みますか？</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Change passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase is changed. Use the new one from now on.</source>
        <translation>パスフレーズを変更しました。今後は新しいパスフレーズを使用してください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../src/privacydesk/ui/selftest.py" line="+72"/>
        <source>About PrivacyDesk</source>
        <translation>PrivacyDesk について</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PrivacyDesk {version}</source>
        <translation>PrivacyDesk {version}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A console for the privacy officer: the personal-data inventory, consent, requests, training, access, incidents and third parties under the APPI and the GDPR.

Database: {path}
Qt {qt}</source>
        <translation>個人情報保護管理者のためのコンソールです。個人情報保護法（APPI）と GDPR に基づき、個人データ台帳、同意、開示等の請求、教育・研修、アクセス権限、漏えい等事案、第三者提供を管理します。

データベース：{path}
Qt {qt}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Components and their licences:</source>
        <translation>同梱のコンポーネントとライセンス：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Officer</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auditor (read only)</source>
        <translation>監査担当（参照のみ）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manager of {departments}</source>
        <translation>{departments} の部門管理者</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 duty</source>
        <translation>対応事項 1件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} duties</source>
        <translation>対応事項 {n}件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} overdue</source>
        <translation>期限超過 {n}件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Locks in {n} min</source>
        <translation>{n}分後にロック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locks in {n} s</source>
        <translation>{n}秒後にロック</translation>
    </message>
</context>
<context>
    <name>MultiRefEditor</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/editors.py" line="+368"/>
        <source>Type a name to add…</source>
        <translation>名前を入力して追加…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>NewDatabaseDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/unlock.py" line="+81"/>
        <location line="+55"/>
        <source>New database</source>
        <translation>新規データベース</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recorded with every change</source>
        <translation>すべての変更とともに記録されます</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>At least {n} characters</source>
        <translation>{n}文字以上</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Officer&apos;s name</source>
        <translation>管理者の氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase again</source>
        <translation>パスフレーズ（確認）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase encrypts the whole file. It cannot be recovered: without it, nobody can open the database.</source>
        <translation>パスフレーズでファイル全体を暗号化します。パスフレーズは復元できません。忘れると、誰もこのデータベースを開けなくなります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>PrivacyDesk databases (*.db);;All files (*)</source>
        <translation>PrivacyDesk データベース (*.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose where to save the database.</source>
        <translation>データベースの保存先を指定してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} already exists; choose another file.</source>
        <translation>{path} は既に存在します。別のファイルを指定してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the officer&apos;s name; it is recorded with every change.</source>
        <translation>管理者の氏名を入力してください。すべての変更とともに記録されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrase must have at least {n} characters.</source>
        <translation>パスフレーズは{n}文字以上にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases differ.</source>
        <translation>確認用のパスフレーズが一致しません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not create the database: {reason}</source>
        <translation>データベースを作成できませんでした：{reason}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/maintenance.py" line="+169"/>
        <source>Change passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>At least {n} characters</source>
        <translation>{n}文字以上</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Current passphrase</source>
        <translation>現在のパスフレーズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>新しいパスフレーズ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase again</source>
        <translation>新しいパスフレーズ（確認）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The whole file is re-encrypted under the new passphrase and replaces the old one in a single step. Backups keep their old passphrase.</source>
        <translation>ファイル全体を新しいパスフレーズで暗号化し直し、一度の操作で元のファイルと置き換えます。バックアップは元のパスフレーズのままです。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The current passphrase is not right.</source>
        <translation>現在のパスフレーズが正しくありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new passphrase must have at least {n} characters.</source>
        <translation>新しいパスフレーズは{n}文字以上にしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two new passphrases differ.</source>
        <translation>確認用の新しいパスフレーズが一致しません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new passphrase is the same as the current one.</source>
        <translation>新しいパスフレーズが現在のパスフレーズと同じです。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/import_wizard.py" line="-211"/>
        <source>Check the first rows</source>
        <translation>先頭行の確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first {n} rows as they will be stored. A cell in red cannot be read: its message is in its tooltip.</source>
        <translation>先頭{n}行を、保存される形で表示します。赤いセルは読み取れません（理由はツールチップに表示）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Check every row</source>
        <translation>全行を確認(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read and check the whole file without writing</source>
        <translation>書き込まずにファイル全体を読んで確認します</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Reading the first rows…</source>
        <translation>先頭行を読んでいます…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Will be</source>
        <translation>扱い</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Row {n}, {where}: {problem}</source>
        <translation>{n}行目、{where}: {problem}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row {n}: {problem}</source>
        <translation>{n}行目: {problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>error</source>
        <translation>誤り</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updates the record that has the same key</source>
        <translation>同じキーの既存レコードを更新します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new</source>
        <translation>新規</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+47"/>
        <source>… and {n} more</source>
        <translation>…ほか{n}件</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The file has no rows below its header.</source>
        <translation>見出しの下に行がありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 row shown: it has an error.</source>
        <translation>1行を表示: 誤りがあります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 row shown: it updates an existing record.</source>
        <translation>1行を表示: 既存レコードを更新します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 row shown: a new record.</source>
        <translation>1行を表示: 新規レコードです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} rows shown: {new} new, {matched} update existing records, {bad} with errors.</source>
        <translation>{n}行を表示: 新規 {new}行、既存レコードの更新 {matched}行、誤りのある行 {bad}行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The import will write nothing while a row has an error: go back to fix the map, or fix the file.</source>
        <translation>誤りのある行が残る限り、取り込みは何も書き込みません。戻ってマップを直すか、ファイルを直してください。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking every row…</source>
        <translation>全行を確認しています…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every row can be imported: {counts}.</source>
        <translation>全行を取り込めます: {counts}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 error:</source>
        <translation>誤り1件:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} errors:</source>
        <translation>誤り{n}件:</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/maintenance.py" line="-74"/>
        <source>Back up the database</source>
        <translation>データベースのバックアップ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PrivacyDesk databases (*.db)</source>
        <translation>PrivacyDesk データベース (*.db)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing and verifying the backup…</source>
        <translation>バックアップを書き込み、検証しています…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Backup written to {path} and verified ({entries} audit entries, {rows} records). Keep it on another disk.</source>
        <translation>バックアップを {path} に書き込み、検証しました（監査ログ {entries}件、記録 {rows}件）。別のディスクに保管してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backup was not written: {error}</source>
        <translation>バックアップを書き込めませんでした：{error}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Re-encrypting the database…</source>
        <translation>データベースを暗号化し直しています…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase was not changed: {error}</source>
        <translation>パスフレーズを変更できませんでした：{error}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/record_form.py" line="+117"/>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the record as it was saved; your edits are dropped</source>
        <translation>保存された記録を表示します（あなたの編集は破棄されます）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare…</source>
        <translation>比較…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your edits beside the saved record, field by field</source>
        <translation>あなたの編集と保存された記録を項目ごとに並べて表示します</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>変更を保存します（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the changes not yet saved (Esc)</source>
        <translation>保存していない変更を取り消します（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this record (Delete)</source>
        <translation>この記録を削除します（Delete）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History…</source>
        <translation>履歴…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who changed this record, when and how</source>
        <translation>この記録を、いつ、誰が、どのように変更したか</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Choose a record in the list</source>
        <translation>一覧から記録を選んでください</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New {what}</source>
        <translation>{what}の新規作成</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Not saved: 1 problem.</source>
        <translation>保存できません：問題が1件あります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: {n} problems.</source>
        <translation>保存できません：問題が{n}件あります。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Not saved: {message}.</source>
        <translation>保存していません：{message}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload shows the record as saved (your edits are dropped); Compare shows both side by side.</source>
        <translation>「再読み込み」で保存された記録を表示します（あなたの編集は破棄されます）。「比較」で両方を並べて表示します。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Waiting for another PrivacyDesk to finish writing… ({s} s)</source>
        <translation>別の PrivacyDesk の書き込みが終わるのを待っています…（{s} 秒）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete record</source>
        <translation>記録の削除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {what}?</source>
        <translation>{what} を削除しますか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The record is removed from the lists. The audit trail keeps what it held and who deleted it.</source>
        <translation>記録は一覧から削除されます。記録の内容と削除した人は監査証跡に残ります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/record_list.py" line="+80"/>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finds records whose text, choices or linked records hold these words, or whose ID is this number ({shortcut})</source>
        <translation>テキスト、選択肢、関連する記録にこれらの語を含む記録、または ID がこの番号の記録を検索します（{shortcut}）</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>{label}: all</source>
        <translation>{label}: すべて</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>from</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>to</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Clear filters</source>
        <translation>絞り込みを解除</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Export this view to CSV…</source>
        <translation>この一覧を CSV に出力…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export this view to Excel…</source>
        <translation>この一覧を Excel に出力…</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Could not read the list</source>
        <translation>一覧を読み込めませんでした</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} of {m}</source>
        <translation>{n}件（全{m}件）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} records</source>
        <translation>{n}件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 record</source>
        <translation>1件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The list could not be read: {error}</source>
        <translation>一覧を読み込めませんでした：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing matches. Clear the search or the filters to see every record.</source>
        <translation>該当する記録はありません。すべての記録を表示するには、検索語または絞り込みを解除してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No records yet. Press Ctrl+N to add the first one.</source>
        <translation>記録はまだありません。Ctrl+N で最初の記録を追加できます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export this view</source>
        <translation>一覧の出力</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exporting…</source>
        <translation>出力しています…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+8"/>
        <source>Export</source>
        <translation>CSV 出力</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>{n} records written to {path}.</source>
        <translation>{n}件の記録を {path} に出力しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The view could not be exported: {error}</source>
        <translation>一覧を出力できませんでした：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting… {n} records</source>
        <translation>出力しています…（{n}件）</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/record_table.py" line="+46"/>
        <source>Search…</source>
        <translation>検索…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finds records whose text contains these characters, or whose ID is this number ({shortcut})</source>
        <translation>テキストにこれらの文字を含む記録、または ID がこの番号の記録を検索します（{shortcut}）</translation>
    </message>
</context>
<context>
    <name>RefEditor</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/editors.py" line="-110"/>
        <source>Type to search…</source>
        <translation>入力して検索…</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>No record is named “{text}”: choose one from the list.</source>
        <translation>「{text}」という名前の記録はありません。一覧から選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Several records match “{text}”: choose one from the list.</source>
        <translation>「{text}」に該当する記録が複数あります。一覧から選択してください。</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/reports.py" line="+163"/>
        <source>Reports</source>
        <translation>帳票</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Report</source>
        <translation>帳票の種類</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Period</source>
        <translation>対象期間</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Report language</source>
        <translation>帳票の言語</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+148"/>
        <source>Data subject</source>
        <translation>本人の識別子</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>With a password the PDF is encrypted: it opens only with the password. Give the password to the reader separately.</source>
        <translation>パスワードを設定すると PDF は暗号化され、パスワードなしでは開けません。パスワードは読み手に別の手段で伝えてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate</source>
        <translation>作成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+423"/>
        <source>Choose a report and press Generate: the report shows here, page by page.</source>
        <translation>帳票を選んで「作成」を押すと、ここに全ページが表示されます。</translation>
    </message>
    <message>
        <location line="-412"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Data subject (required)</source>
        <translation>本人の識別子（必須）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optional: enter a subject reference to cut the report to that person; leave it empty for everyone.</source>
        <translation>任意：本人の識別子を入力すると、その本人の分に絞り込みます。空欄のときは全員が対象です。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter both dates of the period.</source>
        <translation>対象期間の開始日と終了日を入力してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period starts after it ends.</source>
        <translation>開始日が終了日より後になっています。</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>This report shows the state as of {day}: it has no period.</source>
        <translation>この帳票は {day} 時点の状況を示すもので、対象期間はありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This report is about one person: enter their subject reference as the records hold it.</source>
        <translation>この帳票は特定の本人に関するものです。記録上の本人の識別子を入力してください。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Enter the data subject&apos;s reference.</source>
        <translation>本人の識別子を入力してください。</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+16"/>
        <location line="+12"/>
        <source>Generating the report…</source>
        <translation>帳票を作成しています…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The report was written but cannot be shown ({error}).</source>
        <translation>帳票は作成されましたが、表示できません（{error}）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data subject: {ref}</source>
        <translation>本人の識別子：{ref}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 page</source>
        <translation>1ページ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} pages</source>
        <translation>{n}ページ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>encrypted</source>
        <translation>暗号化済み</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No report is shown.</source>
        <translation>表示している帳票はありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled: no report was written.</source>
        <translation>キャンセルしました。帳票は作成されていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This report cannot be made for the data subject given: {error}</source>
        <translation>指定された本人についてこの帳票は作成できません：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>The report was not made: {error}</source>
        <translation>帳票を作成できませんでした：{error}</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The disk is full: the report was not written. Free some space and generate it again.</source>
        <translation>ディスクの空き容量が足りないため、帳票を書き込めませんでした。空き容量を確保してから、もう一度作成してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report could not be written: {error}</source>
        <translation>帳票を書き込めませんでした：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No Japanese TrueType font was found: the report uses a font that is not embedded in the PDF, so a reader without Japanese fonts sees empty boxes. Install a Japanese TrueType font, or choose one in the settings ({setting}).</source>
        <translation>日本語の TrueType フォントが見つからないため、PDF に埋め込まれないフォントで作成しました。日本語フォントのない環境では文字が四角で表示されます。日本語の TrueType フォントをインストールするか、設定（{setting}）でフォントを指定してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report font set in the settings ({font}) was not found.</source>
        <translation>設定で指定された帳票のフォント（{font}）が見つかりません。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save the report</source>
        <translation>帳票の保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The disk is full: the report was not saved.</source>
        <translation>ディスクの空き容量が足りないため、帳票を保存できませんでした。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report was not saved: {error}</source>
        <translation>帳票を保存できませんでした：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved to {path}.</source>
        <translation>{path} に保存しました。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print the report</source>
        <translation>帳票の印刷</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The printer could not be started.</source>
        <translation>印刷を開始できませんでした。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printing stopped: the printer refused a page.</source>
        <translation>プリンターがページを受け付けなかったため、印刷を中止しました。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sent 1 page to the printer.</source>
        <translation>1ページをプリンターに送りました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent {n} pages to the printer.</source>
        <translation>{n}ページをプリンターに送りました。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/settings.py" line="+45"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Default: {value}</source>
        <translation>既定値：{value}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Deadlines are computed from these settings; a change applies to every record at once and is kept in the audit trail.</source>
        <translation>期限はこれらの設定から計算されます。変更はすべての記録に直ちに反映され、監査証跡に記録されます。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved: {message}. Close Settings and open them again to see the current values.</source>
        <translation>保存していません：{message}。設定画面を閉じて開き直し、現在の値を確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../../src/privacydesk/ui/unlock.py" line="+120"/>
        <source>PrivacyDesk — Unlock</source>
        <translation>PrivacyDesk — ロック解除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open other database…</source>
        <translation>別のデータベースを開く…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>team server</source>
        <translation>チームサーバー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only if the server asks for one</source>
        <translation>サーバーが求める場合のみ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase</source>
        <translation>パスフレーズ(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to a team server…</source>
        <translation>チームサーバーに接続…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New database…</source>
        <translation>新規データベース…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explore a demo database…</source>
        <translation>デモ用データベースを試す…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No database at {path}. Create one with “New database…”, open another one, or explore a demo database.</source>
        <translation>{path} にデータベースがありません。「新規データベース…」で作成するか、別のデータベースを開くか、デモ用データベースをお試しください。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Wrong passphrase. Try again.</source>
        <translation>パスフレーズが正しくありません。もう一度入力してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No database at {path}.</source>
        <translation>{path} にデータベースがありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database was written by a newer version of PrivacyDesk. Update PrivacyDesk to open it.</source>
        <translation>このデータベースは新しいバージョンの PrivacyDesk で作成されています。開くには PrivacyDesk を更新してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open {path}: {reason}</source>
        <translation>{path} を開けません：{reason}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Connecting to {server}…</source>
        <translation>{server} に接続しています…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The server asks for the password of {login}.</source>
        <translation>サーバーが {login} のパスワードを求めています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused the login or its password.</source>
        <translation>サーバーがログイン名またはパスワードを拒否しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot connect: {reason}</source>
        <translation>接続できません: {reason}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Open database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PrivacyDesk databases (*.db);;All files (*)</source>
        <translation>PrivacyDesk データベース (*.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Demo database</source>
        <translation>デモ用データベース</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the demo database?</source>
        <translation>デモ用データベースを開きますか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a demo database of invented records?</source>
        <translation>架空の記録でデモ用データベースを作成しますか？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File: {path}
Passphrase: {passphrase}

Everything in it is invented. Do not enter real personal data in the demo.</source>
        <translation>ファイル：{path}
パスフレーズ：{passphrase}

内容はすべて架空のものです。デモ用データベースに実在の個人データを入力しないでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create and open</source>
        <translation>作成して開く</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The demo database at {path} has another passphrase. Delete the file to start a new demo.</source>
        <translation>{path} のデモ用データベースには別のパスフレーズが設定されています。新しいデモを始めるには、このファイルを削除してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not open the demo database: {reason}</source>
        <translation>デモ用データベースを開けませんでした：{reason}</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/maintenance.py" line="-203"/>
        <source>Verify database</source>
        <translation>データベースの検証</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checks the file and its encryption, the whole audit chain, and every record against its last audit entry.</source>
        <translation>ファイルとその暗号化、監査ログの連鎖全体、および各記録と最新の監査ログとの一致を検査します。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking the file and its encryption…</source>
        <translation>ファイルと暗号化を検査しています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the audit chain…</source>
        <translation>監査ログの連鎖を検査しています…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking the {what} against the audit trail…</source>
        <translation>{what}を監査証跡と照合しています…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The database is intact: {entries} audit entries and {rows} records verified.</source>
        <translation>データベースは正常です。監査ログ {entries}件と記録 {rows}件を検証しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No problem found.</source>
        <translation>問題は見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verification found {n} problem(s). Keep this database as it is and compare it with a backup.</source>
        <translation>検証で問題が{n}件見つかりました。このデータベースには手を加えずに保管し、バックアップと比較してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verification cancelled.</source>
        <translation>検証を中止しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification stopped: {error}</source>
        <translation>検証が中断されました：{error}</translation>
    </message>
</context>
<context>
    <name>WorkbookExport</name>
    <message>
        <location filename="../../src/privacydesk/ui/dialogs/workbook.py" line="+26"/>
        <location line="+55"/>
        <location line="+7"/>
        <source>Export to Excel</source>
        <translation>Excel に出力</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Writing the workbook…</source>
        <translation>ブックを書き込んでいます…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Writing {list}… {n} records</source>
        <translation>{list}を書き込んでいます…（{n}件）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} records written to {path}.</source>
        <translation>{n}件の記録を {path} に出力しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} records of {lists} lists written to {path}, one sheet each.</source>
        <translation>{lists}件の一覧の記録{n}件を、一覧ごとに1シートで {path} に出力しました。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The workbook was not written: {error}</source>
        <translation>ブックを出力できませんでした：{error}</translation>
    </message>
</context>
<context>
    <name>_CalendarButton</name>
    <message>
        <location filename="../../src/privacydesk/ui/widgets/editors.py" line="-278"/>
        <source>Choose from a calendar</source>
        <translation>カレンダーから選択</translation>
    </message>
</context>
</TS>
