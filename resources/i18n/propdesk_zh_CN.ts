<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About PropDesk</source>
        <translation>关于 PropDesk</translation>
    </message>
    <message>
        <source>Registers, slips and receipts for the property-management service desk.</source>
        <translation>物业客服部的登记台账、单据和收据管理软件。</translation>
    </message>
    <message>
        <source>Database: {where} (schema {version})</source>
        <translation>数据库：{where}（结构版本 {version}）</translation>
    </message>
    <message>
        <source>Logged in as: {user}</source>
        <translation>当前用户：{user}</translation>
    </message>
    <message>
        <source>Licences of bundled components:</source>
        <translation>随附组件的许可协议：</translation>
    </message>
    <message>
        <source>Chinese font: Droid Sans Fallback, Apache License 2.0 (also embedded in printed slips).</source>
        <translation>中文字体：Droid Sans Fallback，Apache License 2.0（打印单据中亦嵌入此字体）。</translation>
    </message>
    <message>
        <source>Icons: Material Design Icons via QtAwesome (Apache 2.0 / MIT).</source>
        <translation>图标：Material Design Icons，经 QtAwesome 提供（Apache 2.0 / MIT）。</translation>
    </message>
    <message>
        <source>Qt for Python (PySide6): LGPL v3.</source>
        <translation>Qt for Python (PySide6)：LGPL v3。</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Office settings and this PC&apos;s database</source>
        <translation>办公室设置及本机使用的数据库</translation>
    </message>
    <message>
        <source>Switch &amp;database…</source>
        <translation>切换数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>Open another office database (takes effect after restart)</source>
        <translation>改用另一个办公室数据库（重启后生效）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close PropDesk</source>
        <translation>关闭 PropDesk</translation>
    </message>
    <message>
        <source>S&amp;can box</source>
        <translation>扫码框(&amp;C)</translation>
    </message>
    <message>
        <source>Put the cursor in the scan box (F2 or Ctrl+L)</source>
        <translation>将光标移到扫码框（F2 或 Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Registers</source>
        <translation>台账列表(&amp;R)</translation>
    </message>
    <message>
        <source>Go to the list of registers</source>
        <translation>转到台账列表</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>恢复默认布局(&amp;L)</translation>
    </message>
    <message>
        <source>Put every panel back where it started</source>
        <translation>将所有面板放回初始位置</translation>
    </message>
    <message>
        <source>&amp;About PropDesk</source>
        <translation>关于 PropDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Version, database and licences</source>
        <translation>版本、数据库及许可协议</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner / tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower&apos;s organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>PropDesk</source>
        <translation>PropDesk</translation>
    </message>
    <message>
        <source>Something went wrong in PropDesk. What you saved before is safe; the last action may not have finished.</source>
        <translation>PropDesk 出现了意外问题。之前已保存的内容不受影响；最后一步操作可能没有完成。</translation>
    </message>
    <message>
        <source>Please tell your IT contact. Details are in the log file:
{path}</source>
        <translation>请告知信息技术负责人。详细信息已记录在日志文件中：
{path}</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>创建第一个管理员</translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the administrator who will add everyone else&apos;s personal account. Each person uses their own account.</source>
        <translation>该数据库还没有任何账户。请先创建管理员，再由管理员为每位同事开设个人账户。每人只使用自己的账户。</translation>
    </message>
    <message>
        <source>e.g. 王主任</source>
        <translation>例如：王主任</translation>
    </message>
    <message>
        <source>Password: at least {n} characters, letters and digits mixed, not a common password or a keyboard sequence, and not containing the user name.</source>
        <translation>密码要求：至少 {n} 个字符，字母与数字混合，不能是常用密码或键盘顺序，也不能包含用户名。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Name shown:</source>
        <translation>显示姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Create administrator</source>
        <translation>创建管理员(&amp;C)</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>Docks</name>
    <message>
        <source>Registers</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owners and tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Change the office database</source>
        <translation>更换办公室数据库</translation>
    </message>
    <message>
        <source>Welcome to PropDesk</source>
        <translation>欢迎使用 PropDesk</translation>
    </message>
    <message>
        <source>Which database does this PC use? The change takes effect after PropDesk restarts.</source>
        <translation>本机使用哪个数据库？更改在 PropDesk 重启后生效。</translation>
    </message>
    <message>
        <source>PropDesk keeps the office&apos;s registers in one database that every desk PC shares. Create it on the first PC, then connect the others to it.</source>
        <translation>PropDesk 将办公室的全部台账保存在一个数据库中，供前台各台电脑共用。请在第一台电脑上新建数据库，其他电脑再连接到它。</translation>
    </message>
    <message>
        <source>&amp;Create a new office database</source>
        <translation>新建办公室数据库(&amp;C)</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>A file on this PC, or in a folder on the office&apos;s network drive (e.g. Z:\PropDesk or \\server\share\PropDesk) so other desks can connect.</source>
        <translation>可以放在本机，也可以放在办公室网络盘的文件夹中（例如 Z:\PropDesk 或 \\server\share\PropDesk），以便其他电脑连接。</translation>
    </message>
    <message>
        <source>Connect to an &amp;existing database</source>
        <translation>连接已有数据库(&amp;E)</translation>
    </message>
    <message>
        <source>Z:\PropDesk\propdesk.sqlite3  or  postgresql://host/propdesk</source>
        <translation>Z:\PropDesk\propdesk.sqlite3  或  postgresql://主机/propdesk</translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation>浏览(&amp;S)…</translation>
    </message>
    <message>
        <source>The database file on the shared drive, or the PostgreSQL address IT gave you.</source>
        <translation>共享盘上的数据库文件，或信息技术人员提供的 PostgreSQL 地址。</translation>
    </message>
    <message>
        <source>&amp;Use this database</source>
        <translation>使用此数据库(&amp;U)</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>新数据库文件</translation>
    </message>
    <message>
        <source>Existing database file</source>
        <translation>已有数据库文件</translation>
    </message>
    <message>
        <source>Choose where the new database goes.</source>
        <translation>请选择新数据库的存放位置。</translation>
    </message>
    <message>
        <source>A PostgreSQL database is created by IT; choose “Connect to an existing database”.</source>
        <translation>PostgreSQL 数据库由信息技术人员创建，请选择“连接已有数据库”。</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
        <source>Enter the database file or a postgresql:// address.</source>
        <translation>请输入数据库文件或 postgresql:// 地址。</translation>
    </message>
    <message>
        <source>This is neither a file path nor a postgresql:// address.</source>
        <translation>这既不是文件路径，也不是 postgresql:// 地址。</translation>
    </message>
    <message>
        <source>There is no database at {path}. Is the network drive connected?</source>
        <translation>{path} 处没有数据库。网络盘是否已连接？</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>PropDesk — log in</source>
        <translation>PropDesk — 登录</translation>
    </message>
    <message>
        <source>Log in with your own account.</source>
        <translation>请使用本人账户登录。</translation>
    </message>
    <message>
        <source>e.g. night shift, urgent repair, key return</source>
        <translation>例如：夜班、紧急维修、归还钥匙</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>登录事由(&amp;R)：</translation>
    </message>
    <message>
        <source>It is outside working hours. Logins now need a reason; the manager sees them.</source>
        <translation>现在是非工作时间，登录须填写事由，客服经理会看到此记录。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Please give the reason for logging in outside working hours.</source>
        <translation>请填写非工作时间登录的事由。</translation>
    </message>
    <message>
        <source>Too many failed attempts. The account is locked until {time}.</source>
        <translation>密码错误次数过多，账户已锁定至 {time}。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This panel could not be opened; see the log file.</source>
        <translation>此面板无法打开，详见日志文件。</translation>
    </message>
    <message>
        <source>PropDesk — customer service desk</source>
        <translation>PropDesk — 物业客服前台</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>No panel shows {register} records yet.</source>
        <translation>暂时没有面板可以显示“{register}”记录。</translation>
    </message>
    <message>
        <source>Restart PropDesk</source>
        <translation>重启 PropDesk</translation>
    </message>
    <message>
        <source>The new database is used after PropDesk restarts. Restart now?</source>
        <translation>更改在 PropDesk 重启后生效。现在重启吗？</translation>
    </message>
</context>
<context>
    <name>PartiesDock</name>
    <message>
        <source>Owner or tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company (单位)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit numbers, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>{pages} page(s), {w:.0f} × {h:.0f} mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDock</name>
    <message>
        <source>Read only: your role may not change these records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throw away the changes in the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form has unsaved changes. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form has unsaved changes. Discard them and open the other record?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} changed this record meanwhile. Their values: {changes}. Save again to replace them with yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no visible difference)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>Search… (Esc clears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not export registers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanBox</name>
    <message>
        <source>Scan or type a code, then Enter  (F2)</source>
        <translation>扫码或输入编号后按回车  (F2)</translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation>扫码框</translation>
    </message>
    <message>
        <source>Nothing carries the code {code}.</source>
        <translation>没有找到编号为 {code} 的记录。</translation>
    </message>
    <message>
        <source>The database cannot be reached; scan again in a moment.</source>
        <translation>数据库暂时无法连接，请稍后再扫。</translation>
    </message>
    <message>
        <source>Your role may not open this record.</source>
        <translation>您的角色无权打开此记录。</translation>
    </message>
    <message>
        <source>This code could not be looked up.</source>
        <translation>此编号无法查询。</translation>
    </message>
    <message>
        <source>Scanned {code}: {title}</source>
        <translation>已扫码 {code}：{title}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>办公室(&amp;O)</translation>
    </message>
    <message>
        <source>This &amp;PC</source>
        <translation>本机(&amp;P)</translation>
    </message>
    <message>
        <source>Office &amp;name:</source>
        <translation>办公室名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Working hours &amp;start:</source>
        <translation>上班时间(&amp;S)：</translation>
    </message>
    <message>
        <source>Working hours &amp;end:</source>
        <translation>下班时间(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Key loans due back by:</source>
        <translation>钥匙当日归还截止(&amp;K)：</translation>
    </message>
    <message>
        <source>Only a manager or an administrator may change these.</source>
        <translation>只有客服经理或管理员可以修改这些设置。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>更改(&amp;C)…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>界面语言(&amp;I)：</translation>
    </message>
    <message>
        <source>Changes on this page take effect after a restart.</source>
        <translation>本页的更改在重启后生效。</translation>
    </message>
    <message>
        <source>{new}  (after restart; now: {old})</source>
        <translation>{new}（重启后生效；当前：{old}）</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the pen or the mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign here (pen or mouse)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffDock</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record leaving (调离)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left on {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>This database was written by a newer PropDesk. Install the new version on this PC; the database was not touched.</source>
        <translation>此数据库由更新版本的 PropDesk 写入。请在本机安装新版本；数据库未作任何改动。</translation>
    </message>
    <message>
        <source>The database cannot be opened. If it is on a network drive, check that the drive is connected and that you may write to its folder.</source>
        <translation>无法打开数据库。如果数据库在网络盘上，请检查网络盘是否已连接，以及您对其所在文件夹是否有写入权限。</translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>数据库不可用</translation>
    </message>
    <message>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Choose another database…</source>
        <translation>选择其他数据库(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>About this database</source>
        <translation>关于此数据库</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Occupied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vacant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renovating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Logged in as {user}</source>
        <translation>登录账户：{user}</translation>
    </message>
    <message>
        <source>{where} — not reachable</source>
        <translation>{where} — 无法连接</translation>
    </message>
    <message>
        <source>The database did not answer. Check the network drive, then try again.</source>
        <translation>数据库没有响应。请检查网络盘后重试。</translation>
    </message>
    <message>
        <source>The database is on a network drive: fine for a few PCs at once.</source>
        <translation>数据库位于网络盘：适合少量电脑同时使用。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>UnitsDock</name>
    <message>
        <source>Unit no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit {code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The check digit is wrong: re-read the number from the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be {n} characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The birth date or region code in the number is impossible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contains characters that do not belong in this kind of number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passport number has 5–17 letters and digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a mainland mobile (11 digits, starts with 1) or landline number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at least {n} characters.</source>
        <translation>至少使用 {n} 个字符。</translation>
    </message>
    <message>
        <source>This password is too common.</source>
        <translation>此密码太常见。</translation>
    </message>
    <message>
        <source>The password must not contain the user name.</source>
        <translation>密码不能包含用户名。</translation>
    </message>
    <message>
        <source>Use more different characters.</source>
        <translation>请使用更多不同的字符。</translation>
    </message>
    <message>
        <source>Mix letters and digits.</source>
        <translation>请混合使用字母和数字。</translation>
    </message>
    <message>
        <source>A keyboard or number sequence is too easy to guess.</source>
        <translation>键盘或数字顺序太容易被猜到。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>At most 64 characters.</source>
        <translation>最多 64 个字符。</translation>
    </message>
    <message>
        <source>This user name is taken.</source>
        <translation>此用户名已被使用。</translation>
    </message>
    <message>
        <source>Choose one of the roles.</source>
        <translation>请选择一个角色。</translation>
    </message>
    <message>
        <source>No such staff member.</source>
        <translation>没有此员工。</translation>
    </message>
    <message>
        <source>An administrator already exists; log in instead.</source>
        <translation>管理员已存在，请直接登录。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Choose units, parties or staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an Excel workbook (.xlsx).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sheet is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first row needs the columns: {columns}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check these fields: {details}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also on row {row}; each unit once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several owners or tenants have this name; add the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also on row {row}; each person or company once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several staff of this department have this name; edit them in PropDesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also on row {row}; each person once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sheet has no rows to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature image is not usable; sign again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose signature is this? Enter the signer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key has the code {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the key code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use letters, digits and - . / only (no spaces, no Chinese): it goes on a barcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key code may not start like a document number (YS-, JJ-, QD- …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another key already has this code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a label, e.g. A-1203 户门 or 配电室.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key set has at least one key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no unit {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the key is retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is already retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is out on loan; take it back before retiring it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is out on loan {number} to {holder}, due {due}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is out with {holder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key was issued to {holder}; it is not in the cabinet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is reported lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the staff member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an active staff member can borrow as staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff borrowing a key state the purpose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the borrower&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An outside borrower needs a document reference (证件/文件号).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An outside borrower needs the approving leader&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose staff or outside borrower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys are lent for the same day only (当天借当天还).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The due time has already passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys are due back by {time} at the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no key loan {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loan {number} was already closed on {at}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is not out on loan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose good, damaged or lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damage or loss needs the borrower&apos;s statement (说明).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key cannot come back before it was lent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List at least one key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each line is a key code and a count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key {code} is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key {code} is not registered; register it first, then hand it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the number of keys counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} {label}: {counted} counted, the set has {expected}. Count again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such owner or tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over to someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no key handover {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is lent out as {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was issued to {holder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is reported lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no stocktake {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This stocktake is finished already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a key code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown key status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key loans are due back the same day by this time.</source>
        <translation>借用的钥匙须在当天此时间前归还。</translation>
    </message>
    <message>
        <source>Working hours start (logins before need a reason).</source>
        <translation>上班时间（此前登录须填写事由）。</translation>
    </message>
    <message>
        <source>Working hours end (logins after need a reason).</source>
        <translation>下班时间（此后登录须填写事由）。</translation>
    </message>
    <message>
        <source>Printed at the top of slips.</source>
        <translation>打印在单据抬头。</translation>
    </message>
    <message>
        <source>Use the form HH:MM, e.g. 18:00.</source>
        <translation>请按 时:分 格式填写，例如 18:00。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the area in m², e.g. 86.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area must be more than 0 m².</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The area is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most two decimal places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such building; create the building first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the unit number as building-room, e.g. A-1203.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A unit of building {building} starts with {building}-.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This unit number already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the floor as a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Floors run from -9 to 300.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the unit uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose occupied, vacant or renovating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose owner or tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer yes or no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the document types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A company is identified by its unified social credit code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person is identified by a resident ID card or a passport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another owner or tenant already has this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such unit: {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of the departments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 1–8 letters or digits, e.g. A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This building code already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such building.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This floor already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is voided and can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason for voiding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is already voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person has already left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person still holds {n} borrowed key(s); take them back first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database already has units; demo data goes into an empty one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 1 to 40 units per floor.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
