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
        <source>Office &amp;calendar…</source>
        <translation>节假日安排(&amp;C)…</translation>
    </message>
    <message>
        <source>Public holidays and working weekends the office enters</source>
        <translation>办公室录入的法定节假日和调休上班日</translation>
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
    <name>ArrivalClock</name>
    <message>
        <source>Engineer due in {m:02d}:{s:02d}</source>
        <translation>工程人员应于 {m:02d}:{s:02d} 内到场</translation>
    </message>
    <message>
        <source>Arrival missed by {m:02d}:{s:02d}</source>
        <translation>已超时 {m:02d}:{s:02d} 未到场</translation>
    </message>
</context>
<context>
    <name>AuditLogPanel</name>
    <message>
        <source>Select a line to see what changed.</source>
        <translation>选择一行即可查看修改内容。</translation>
    </message>
    <message>
        <source>{time}  {user} ({role}) on {pc}</source>
        <translation>{time}  {user}（{role}），电脑：{pc}</translation>
    </message>
    <message>
        <source>Action: {action}  {entity} {id}</source>
        <translation>操作：{action}  {entity} {id}</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>修改后：</translation>
    </message>
</context>
<context>
    <name>CallbacksDock</name>
    <message>
        <source>Monthly report</source>
        <translation>月度报告</translation>
    </message>
    <message>
        <source>Quarterly report</source>
        <translation>季度报告</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>打印清点表</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>&amp;All: {mark} (A)</source>
        <translation>全部：{mark}(&amp;A)</translation>
    </message>
    <message>
        <source>↑↓ move · {keys} · Space changes · A all: {first}</source>
        <translation>↑↓ 移动 · {keys} · 空格 切换 · A 全部{first}</translation>
    </message>
    <message>
        <source>{done} · {left} to check</source>
        <translation>{done} · 待核对 {left}</translation>
    </message>
</context>
<context>
    <name>ChecklistTable</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对结果</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>— not checked</source>
        <translation>— 未核对</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>大厦</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Owner / tenant</source>
        <translation>业主/租户</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation>紧急联系电话</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>调离日期</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借用人</translation>
    </message>
    <message>
        <source>Borrower&apos;s organisation</source>
        <translation>借用人单位</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>PC</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Out of hours</source>
        <translation>非工作时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>复核人</translation>
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
    <name>CustodianHandoverDialog</name>
    <message>
        <source>Hand the key cabinet over (内部交接)</source>
        <translation>钥匙内部交接</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>移交人</translation>
    </message>
    <message>
        <source>Stand-in</source>
        <translation>代办人</translation>
    </message>
    <message>
        <source>Every key in the cabinet is listed with its count; keys out on loan go into the notes with their loan number and due time.</source>
        <translation>柜内每套钥匙均列出数量；已借出的钥匙连同借用单号和应还时间记入备注。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Signature (handing over)</source>
        <translation>移交人签名</translation>
    </message>
    <message>
        <source>Signature (stand-in)</source>
        <translation>代办人签名</translation>
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
        <translation>单元</translation>
    </message>
    <message>
        <source>Owners and tenants</source>
        <translation>业主/租户</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>钥匙</translation>
    </message>
    <message>
        <source>Key loans</source>
        <translation>钥匙借用</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Login history</source>
        <translation>登录记录</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Please check your input</source>
        <translation>请检查输入内容</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct:</source>
        <translation>未保存任何内容。请更正：</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>{who} saved this record at {when}, after you opened it. Your changes were not saved.</source>
        <translation>您打开此记录后，{who} 于 {when} 保存了它。您的修改未保存。</translation>
    </message>
    <message>
        <source>Reload to see their version; your typed text stays in the form until you do.</source>
        <translation>重新加载可查看对方保存的内容；在此之前，您输入的内容仍保留在表单中。</translation>
    </message>
    <message>
        <source>Not possible now</source>
        <translation>暂时无法办理</translation>
    </message>
    <message>
        <source>Another desk may have handled it first. Nothing was saved; your input is kept.</source>
        <translation>可能另一台电脑已先办理了此记录。未保存任何内容，您输入的内容已保留。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <source>Your role may not do this. Ask a supervisor or manager.</source>
        <translation>您的角色无权执行此操作，请联系客服主任或客服经理。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到记录</translation>
    </message>
    <message>
        <source>The record no longer exists or was never saved. Refresh the list.</source>
        <translation>该记录已不存在或从未保存，请刷新列表。</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>数据库不可用</translation>
    </message>
    <message>
        <source>The database cannot be reached or is busy. Your input is kept — try again in a moment.</source>
        <translation>数据库无法连接或正忙。您输入的内容已保留，请稍后重试。</translation>
    </message>
    <message>
        <source>If this goes on, check the network drive or ask IT.</source>
        <translation>如果问题持续，请检查网络盘或联系信息技术人员。</translation>
    </message>
    <message>
        <source>PropDesk is too old</source>
        <translation>PropDesk 版本过旧</translation>
    </message>
    <message>
        <source>This database was written by a newer PropDesk. Install the new version; the database was not touched.</source>
        <translation>此数据库由更新版本的 PropDesk 写入。请安装新版本；数据库未作任何改动。</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <source>Too many failed logins. The account is locked until {time}.</source>
        <translation>登录失败次数过多，账户已锁定至 {time}。</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Reason required</source>
        <translation>须填写事由</translation>
    </message>
    <message>
        <source>Logging in outside working hours needs a reason.</source>
        <translation>非工作时间登录须填写事由。</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>PropDesk hit an unexpected problem. Your input is kept; the details were written to the log.</source>
        <translation>PropDesk 遇到意外问题。您输入的内容已保留，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>保留我的输入</translation>
    </message>
</context>
<context>
    <name>ExcelImportButton</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Import a workbook…</source>
        <translation>导入 Excel 文件…</translation>
    </message>
    <message>
        <source>Save an empty template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>未导入任何数据</translation>
    </message>
    <message>
        <source>Row {n}: {problems}</source>
        <translation>第 {n} 行：{problems}</translation>
    </message>
    <message>
        <source>{n} row(s) need correcting. Fix them in the workbook and import it again.</source>
        <translation>有 {n} 行需要更正。请在表格中改正后重新导入。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>{created} new and {updated} updated records.</source>
        <translation>新增 {created} 条，更新 {updated} 条。</translation>
    </message>
    <message>
        <source>Save an empty template</source>
        <translation>保存空白模板</translation>
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
    <name>HistoryImportDialog</name>
    <message>
        <source>Import history from Excel: {r}</source>
        <translation>从 Excel 导入历史记录：{r}</translation>
    </message>
    <message>
        <source>Choose the office&apos;s Excel sheet (.xlsx)</source>
        <translation>选择办公室的 Excel 表格（.xlsx）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>One bad row: nothing is imported.</source>
        <translation>只要有一行有误，就不会导入任何数据。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Check every row without importing anything</source>
        <translation>逐行检查，不导入任何数据</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>表格：</translation>
    </message>
    <message>
        <source>Your role may not import this register.</source>
        <translation>您的角色无权导入此台账。</translation>
    </message>
    <message>
        <source>Import history from Excel</source>
        <translation>从 Excel 导入历史记录</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>saved for this header row</source>
        <translation>沿用此表头上次保存的对应关系</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>系统建议</translation>
    </message>
    <message>
        <source>{sheet}: header in row {row}, {count} rows. Columns → fields: {how}.</source>
        <translation>{sheet}：表头在第 {row} 行，共 {count} 行数据。列与栏目的对应：{how}。</translation>
    </message>
    <message>
        <source>{kept} numbers kept from the sheet, {new} new</source>
        <translation>沿用表格中的单号 {kept} 个，新编单号 {new} 个</translation>
    </message>
    <message>
        <source>All {n} rows can be imported ({numbers}). Nothing was written yet.</source>
        <translation>全部 {n} 行均可导入（{numbers}）。尚未写入任何数据。</translation>
    </message>
    <message>
        <source>Imported {n} records ({numbers}).</source>
        <translation>已导入 {n} 条记录（{numbers}）。</translation>
    </message>
    <message>
        <source>Nothing was imported: {n} row(s) need correcting in the sheet.</source>
        <translation>未导入任何数据：表格中有 {n} 行需要更正。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>HolidaysDialog</name>
    <message>
        <source>Office calendar</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y)：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. 2027-01-01 or 2027/1/1</source>
        <translation>例如 2027-01-01 或 2027/1/1</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>休 — day off</source>
        <translation>休 — 休息日</translation>
    </message>
    <message>
        <source>班 — working day (e.g. a weekend worked, 调休)</source>
        <translation>班 — 工作日（如调休上班的周末）</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>First row: 日期, 类型, 名称; 类型 is 休 (day off) or 班 (working day).</source>
        <translation>第一行依次为：日期、类型、名称；类型填“休”（休息日）或“班”（工作日）。</translation>
    </message>
    <message>
        <source>Only a manager or an administrator may change these.</source>
        <translation>只有客服经理或管理员可以修改节假日安排。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>The State Council schedule for {year} is built in; office entries replace it for their days.</source>
        <translation>已内置国务院公布的 {year} 年节假日安排；办公室录入的日期以录入内容为准。</translation>
    </message>
    <message>
        <source>{year}: the office&apos;s entries below; on other days Monday–Friday are working days.</source>
        <translation>{year} 年：以下为办公室录入的日期；其余日期按周一至周五为工作日。</translation>
    </message>
    <message>
        <source>No holiday schedule for {year} yet: Monday–Friday are being counted as working days. Enter its holidays and working weekends, or import them from Excel.</source>
        <translation>尚无 {year} 年的节假日安排：目前按周一至周五为工作日计算。请录入该年的节假日和调休上班日，或从 Excel 导入。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Saving… (the shared drive may be slow)</source>
        <translation>正在保存…（共享盘可能较慢）</translation>
    </message>
    <message>
        <source>Saved {day} {kind} {name}.</source>
        <translation>已保存 {day} {kind} {name}。</translation>
    </message>
    <message>
        <source>Remove {day} {kind} {name} from the office calendar?</source>
        <translation>要从节假日安排中删除 {day} {kind} {name} 吗？</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>删除日期</translation>
    </message>
    <message>
        <source>Removed {day} from the office calendar.</source>
        <translation>已从节假日安排中删除 {day}。</translation>
    </message>
    <message>
        <source>Removing… (the shared drive may be slow)</source>
        <translation>正在删除…（共享盘可能较慢）</translation>
    </message>
    <message>
        <source>Import the office calendar</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <source>Importing… (the shared drive may be slow)</source>
        <translation>正在导入…（共享盘可能较慢）</translation>
    </message>
    <message>
        <source>Office calendar: {created} new and {updated} updated days imported.</source>
        <translation>节假日安排：已导入新增 {created} 天、更新 {updated} 天。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>{created} new and {updated} updated days.</source>
        <translation>新增 {created} 天，更新 {updated} 天。</translation>
    </message>
</context>
<context>
    <name>ItemsPanel</name>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Scanned copy</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>Attach scan…</source>
        <translation>添加扫描件…</translation>
    </message>
    <message>
        <source>Open scan</source>
        <translation>查看扫描件</translation>
    </message>
    <message>
        <source>Contents — {present} of {total} there</source>
        <translation>内容 — 共 {total} 项，已有 {present} 项</translation>
    </message>
    <message>
        <source>Not there ({n}): {names}</source>
        <translation>缺少（{n} 项）：{names}</translation>
    </message>
    <message>
        <source>Every listed item is there.</source>
        <translation>清单所列各项均已齐全。</translation>
    </message>
    <message>
        <source> (missing {n})</source>
        <translation>（缺 {n} 项）</translation>
    </message>
    <message>
        <source>scanned</source>
        <translation>已扫描</translation>
    </message>
    <message>
        <source>Personal data: each view of its scan is logged.</source>
        <translation>个人资料：每次查看扫描件都会记录。</translation>
    </message>
    <message>
        <source>Not now: its contents change when it is back.</source>
        <translation>现在不能修改：归还后才能修改内容。</translation>
    </message>
    <message>
        <source>Saving… (the shared drive may be slow)</source>
        <translation>正在保存…（共享盘可能较慢）</translation>
    </message>
    <message>
        <source>Keep a scanned copy (PDF, PNG or JPEG) with this item</source>
        <translation>为此项保存扫描件（PDF、PNG 或 JPEG）</translation>
    </message>
    <message>
        <source>Select an item.</source>
        <translation>请先选择一项。</translation>
    </message>
    <message>
        <source>Show the scanned copy</source>
        <translation>查看扫描件</translation>
    </message>
    <message>
        <source>This item has no scan.</source>
        <translation>此项没有扫描件。</translation>
    </message>
    <message>
        <source>Scanned copy of {name}</source>
        <translation>选择“{name}”的扫描件</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>KeyEditDialog</name>
    <message>
        <source>New key</source>
        <translation>新增钥匙</translation>
    </message>
    <message>
        <source>Edit key {code}</source>
        <translation>编辑钥匙 {code}</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <source>Code (barcode)</source>
        <translation>编号（条码）</translation>
    </message>
    <message>
        <source>empty: made up, e.g. K00012</source>
        <translation>留空则自动生成，如 K00012</translation>
    </message>
    <message>
        <source>Letters, digits, - . / — it is printed as a barcode on the tag.</source>
        <translation>限字母、数字及 - . /，编号以条码形式印在钥匙牌上。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Public area</source>
        <translation>公共区域</translation>
    </message>
    <message>
        <source>Keys in the set</source>
        <translation>本套钥匙数</translation>
    </message>
    <message>
        <source>Cabinet hook</source>
        <translation>钩位</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{who} changed this key meanwhile. Save again to replace their values with yours.</source>
        <translation>{who} 在此期间修改了这套钥匙。再次保存将以您的内容覆盖对方的修改。</translation>
    </message>
    <message>
        <source>Saved key {code} {label}.</source>
        <translation>已保存钥匙 {code} {label}。</translation>
    </message>
</context>
<context>
    <name>KeyHandoverDialog</name>
    <message>
        <source>Receive keys (接收)</source>
        <translation>钥匙接收</translation>
    </message>
    <message>
        <source>Issue keys (发放)</source>
        <translation>钥匙发放</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>移交人</translation>
    </message>
    <message>
        <source>Handed to</source>
        <translation>领取人</translation>
    </message>
    <message>
        <source>Scan a key tag (or type its code, Enter)</source>
        <translation>扫描钥匙牌（或输入编号后按回车）</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>钥匙</translation>
    </message>
    <message>
        <source>Count each set with the other party and correct the number; Delete removes a line.</source>
        <translation>与对方当面点清每套钥匙并更正数量；按 Delete 删除一行。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Signature (handing over)</source>
        <translation>移交人签名</translation>
    </message>
    <message>
        <source>Signature (receiving)</source>
        <translation>接收人签名</translation>
    </message>
    <message>
        <source>{code} is listed already.</source>
        <translation>{code} 已在列表中。</translation>
    </message>
</context>
<context>
    <name>KeyLendDialog</name>
    <message>
        <source>Lend the key (Enter); Ctrl+P: lend and print the slip</source>
        <translation>借出钥匙（Enter）；Ctrl+P：借出并打印借用单</translation>
    </message>
    <message>
        <source>Lent {code} to {name} as {number}, due {due}.</source>
        <translation>已将 {code} 借给 {name}，借用单号 {number}，应还时间 {due}。</translation>
    </message>
    <message>
        <source>Key loan slip {number}</source>
        <translation>钥匙借用单 {number}</translation>
    </message>
</context>
<context>
    <name>KeyLinesTable</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Keys in set</source>
        <translation>应有数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点数量</translation>
    </message>
</context>
<context>
    <name>KeyLoansDock</name>
    <message>
        <source>Select an open loan.</source>
        <translation>请选择未归还的借用记录。</translation>
    </message>
</context>
<context>
    <name>KeyRetireDialog</name>
    <message>
        <source>Retire key {code}</source>
        <translation>停用钥匙 {code}</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>e.g. lock changed, broken, written off</source>
        <translation>例如：已换锁、损坏、报废</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>KeyReturnDialog</name>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; — {code} {label}&lt;br&gt;Borrower: {name} {org}&lt;br&gt;Lent {lent} by {by}; due {due}{late}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; — {code} {label}&lt;br&gt;借用人：{name} {org}&lt;br&gt;借出：{lent}，经办人：{by}；应还：{due}{late}</translation>
    </message>
    <message>
        <source>{code} is back ({condition}); loan {number} closed.</source>
        <translation>{code} 已归还（{condition}），借用单 {number} 已办结。</translation>
    </message>
</context>
<context>
    <name>KeyStocktakeDialog</name>
    <message>
        <source>Key stocktake (清点)</source>
        <translation>钥匙清点</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <source>Start stocktake</source>
        <translation>开始清点</translation>
    </message>
    <message>
        <source>Scan each key tag in the cabinet</source>
        <translation>逐一扫描柜内的钥匙牌</translation>
    </message>
    <message>
        <source>Missing (should be in the cabinet, not scanned)</source>
        <translation>缺失（应在柜但未扫到）</translation>
    </message>
    <message>
        <source>Unexpected scans</source>
        <translation>异常扫码</translation>
    </message>
    <message>
        <source>Finish (Ctrl+Enter)</source>
        <translation>完成（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>打印清点表</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>目前进度</translation>
    </message>
    <message>
        <source>Stocktake {number} — scan every key in the cabinet.</source>
        <translation>清点单 {number} — 请逐一扫描柜内所有钥匙。</translation>
    </message>
    <message>
        <source>✓ {code} {label}: counted.</source>
        <translation>✓ {code} {label}：已清点。</translation>
    </message>
    <message>
        <source>{code} {label}: scanned before — not counted twice.</source>
        <translation>{code} {label}：已扫过，不重复计数。</translation>
    </message>
    <message>
        <source>✗ {code} {label}: unexpected — not a key that belongs in the cabinet now.</source>
        <translation>✗ {code} {label}：异常，此钥匙目前不应在柜内。</translation>
    </message>
    <message>
        <source>✗ {code}: unknown code.</source>
        <translation>✗ {code}：未知编号。</translation>
    </message>
    <message>
        <source>Missing: {n}</source>
        <translation>缺失：{n}</translation>
    </message>
    <message>
        <source>Unexpected: {n}</source>
        <translation>异常：{n}</translation>
    </message>
    <message>
        <source>Finished: {counted} counted, {missing} missing, {unexpected} unexpected.</source>
        <translation>清点完成：已清点 {counted}，缺失 {missing}，异常 {unexpected}。</translation>
    </message>
    <message>
        <source>Key stocktake report {number}</source>
        <translation>钥匙清点表 {number}</translation>
    </message>
    <message>
        <source>{counted} of {expected} counted · {duplicate} repeated · {unexpected} unexpected</source>
        <translation>已清点 {counted}/{expected} · 重复 {duplicate} · 异常 {unexpected}</translation>
    </message>
</context>
<context>
    <name>KeysDock</name>
    <message>
        <source>Key handover sheet {number}</source>
        <translation>钥匙交接表 {number}</translation>
    </message>
    <message>
        <source>Key stocktake report {number}</source>
        <translation>钥匙清点表 {number}</translation>
    </message>
    <message>
        <source>Key loan slip {number}</source>
        <translation>钥匙借用单 {number}</translation>
    </message>
    <message>
        <source>Open loan</source>
        <translation>未还借用</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印借用单</translation>
    </message>
    <message>
        <source>Print the open loan&apos;s slip</source>
        <translation>打印当前借用单</translation>
    </message>
    <message>
        <source>Receive (接收)</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Keys come into the cabinet</source>
        <translation>钥匙入柜</translation>
    </message>
    <message>
        <source>Issue (发放)</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Keys handed to an owner</source>
        <translation>向业主发放钥匙</translation>
    </message>
    <message>
        <source>Custodian handover (内部交接)</source>
        <translation>内部交接</translation>
    </message>
    <message>
        <source>Hand the cabinet to a stand-in</source>
        <translation>将钥匙柜交给代办人</translation>
    </message>
    <message>
        <source>Stocktake (清点)</source>
        <translation>清点</translation>
    </message>
    <message>
        <source>Count the cabinet by scanning</source>
        <translation>扫码清点钥匙柜</translation>
    </message>
    <message>
        <source>Cabinet</source>
        <translation>钥匙柜</translation>
    </message>
    <message>
        <source>{number} — {name}, due {due}{late}</source>
        <translation>{number} — {name}，应还 {due}{late}</translation>
    </message>
    <message>
        <source>This key is not out on loan.</source>
        <translation>此钥匙未借出。</translation>
    </message>
    <message>
        <source>Saved handover {number}.</source>
        <translation>已保存交接单 {number}。</translation>
    </message>
</context>
<context>
    <name>KitFormDialog</name>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Checked in its own form.</source>
        <translation>在专用表单中核对。</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>保存（Enter）</translation>
    </message>
    <message>
        <source>Saving… (the shared drive may be slow)</source>
        <translation>正在保存…（共享盘可能较慢）</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的栏目。</translation>
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
    <name>LoginHistoryPanel</name>
    <message>
        <source>Only flagged logins not yet reviewed</source>
        <translation>仅显示尚未复核的非工作时间登录</translation>
    </message>
    <message>
        <source>Mark as &amp;reviewed</source>
        <translation>标记为已复核(&amp;R)</translation>
    </message>
</context>
<context>
    <name>MailDock</name>
    <message>
        <source>Intake (收件登记)</source>
        <translation>收件登记</translation>
    </message>
    <message>
        <source>Shift handover (交接班)</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Handed over to the next shift</source>
        <translation>已交接下一班</translation>
    </message>
</context>
<context>
    <name>MailHandover</name>
    <message>
        <source>Shift handover of the mail</source>
        <translation>邮件交接班</translation>
    </message>
    <message>
        <source>Hand over (Enter)</source>
        <translation>交接（Enter）</translation>
    </message>
    <message>
        <source>Every item still held at the desk is handed to the next shift; both sign. Without the signatures the loss of an item is on whoever held it.</source>
        <translation>前台尚存的全部邮件移交下一班，交接双方签名。未履行签名手续者，由经手人负责失件全部责任。</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>交班人签字</translation>
    </message>
    <message>
        <source>Taken over by</source>
        <translation>接班人签字</translation>
    </message>
</context>
<context>
    <name>MailIntake</name>
    <message>
        <source>Mail intake — {register}</source>
        <translation>收件登记 — {register}</translation>
    </message>
    <message>
        <source>Register and print label (Enter)</source>
        <translation>登记并打印标签（Enter）</translation>
    </message>
    <message>
        <source>Count the post and check the envelopes before signing for it. Scan each item, type the room and the addressee, Enter: the label prints and the next item can be scanned.</source>
        <translation>核实邮件数量无误及邮封无破损后方可签收。逐件扫描邮件条码，输入房号和收件人，按 Enter：标签随即打印，接着扫描下一件。</translation>
    </message>
    <message>
        <source>Done (Esc)</source>
        <translation>完成（Esc）</translation>
    </message>
    <message>
        <source>No printer: print the label of {number} from the list.</source>
        <translation>没有打印机：请在列表中补打 {number} 的标签。</translation>
    </message>
    <message>
        <source>This batch: {n} items</source>
        <translation>本批已登记：{n} 件</translation>
    </message>
</context>
<context>
    <name>MailPickup</name>
    <message>
        <source>Scan another item for the same person</source>
        <translation>扫描同一领取人的其他邮件</translation>
    </message>
    <message>
        <source>Items handed out</source>
        <translation>本次领取邮件</translation>
    </message>
    <message>
        <source>Add by scan</source>
        <translation>扫描添加</translation>
    </message>
    <message>
        <source>{code} is not a mail item.</source>
        <translation>{code} 不是邮件编号。</translation>
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
    <name>OptionalDateTimeEdit</name>
    <message>
        <source>Tick to give a date</source>
        <translation>勾选后填写日期</translation>
    </message>
</context>
<context>
    <name>OverdueKeysPanel</name>
    <message>
        <source>{hours}h{minutes:02d}</source>
        <translation>{hours} 小时 {minutes:02d} 分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>PartiesDock</name>
    <message>
        <source>Owner or tenant</source>
        <translation>业主/租户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>A company (单位)</source>
        <translation>单位（非个人）</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation>紧急联系电话</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Unit numbers, separated by commas.</source>
        <translation>房号，多个用逗号分隔。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>{pages} page(s), {w:.0f} × {h:.0f} mm</source>
        <translation>共 {pages} 页，{w:.0f} × {h:.0f} mm</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>打印（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The file could not be saved: {error}</source>
        <translation>文件无法保存：{error}</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>New — {register}</source>
        <translation>新增 — {register}</translation>
    </message>
    <message>
        <source>Edit {record}</source>
        <translation>编辑 {record}</translation>
    </message>
</context>
<context>
    <name>RecordDock</name>
    <message>
        <source>Read only: your role may not change these records.</source>
        <translation>只读：您的角色无权修改这些记录。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation>新增记录（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Throw away the changes in the form</source>
        <translation>放弃表单中的修改</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Discard them?</source>
        <translation>表单有未保存的修改，要放弃吗？</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Discard them and open the other record?</source>
        <translation>表单有未保存的修改，要放弃修改并打开另一条记录吗？</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的栏目。</translation>
    </message>
    <message>
        <source>Saved {what}.</source>
        <translation>已保存 {what}。</translation>
    </message>
    <message>
        <source>{who} changed this record meanwhile. Their values: {changes}. Save again to replace them with yours.</source>
        <translation>{who} 在此期间修改了此记录。对方的内容：{changes}。再次保存将以您的内容覆盖。</translation>
    </message>
    <message>
        <source>(no visible difference)</source>
        <translation>（无可见差异）</translation>
    </message>
</context>
<context>
    <name>RecordPanel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
</context>
<context>
    <name>RefPicker</name>
    <message>
        <source>Type to search…</source>
        <translation>输入关键字查找…</translation>
    </message>
</context>
<context>
    <name>RegisterDock</name>
    <message>
        <source>Nothing selected</source>
        <translation>未选择记录</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>A new record (Ctrl+N)</source>
        <translation>新增记录（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Void (作废)</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Print {slip}</source>
        <translation>打印{slip}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>{action}: {record} saved.</source>
        <translation>{action}：{record} 已保存。</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Loan returned</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>Contents changed</source>
        <translation>内容变更</translation>
    </message>
    <message>
        <source>Voided {at}: {reason}</source>
        <translation>已于 {at} 作废：{reason}</translation>
    </message>
    <message>
        <source>Overdue since {due}</source>
        <translation>已逾期（{due} 到期）</translation>
    </message>
    <message>
        <source>Select a record first.</source>
        <translation>请先选择一条记录。</translation>
    </message>
    <message>
        <source>This record is voided.</source>
        <translation>此记录已作废。</translation>
    </message>
    <message>
        <source>Records of this register are not voided.</source>
        <translation>此台账的记录不能作废。</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>Search… (Esc clears)</source>
        <translation>搜索…（Esc 清除）</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Your role may not export registers.</source>
        <translation>您的角色无权导出台账。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>共 {n} 条记录</translation>
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
        <source>{title} — Enter again to handle it</source>
        <translation>{title} — 再按回车办理</translation>
    </message>
    <message>
        <source>Scanned {code}: {title}</source>
        <translation>已扫码 {code}：{title}</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>Script</source>
        <translation>回访话术</translation>
    </message>
</context>
<context>
    <name>ServiceFormDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的栏目。</translation>
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
        <source>Archive loans, own department (working days):</source>
        <translation>档案借阅期限，本部门（工作日）：</translation>
    </message>
    <message>
        <source>Archive loans, other departments (working days):</source>
        <translation>档案借阅期限，其他部门（工作日）：</translation>
    </message>
    <message>
        <source>Callback &amp;hours:</source>
        <translation>回访时段(&amp;H)：</translation>
    </message>
    <message>
        <source>Callback scrip&amp;t:</source>
        <translation>回访话术(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Backup folder:</source>
        <translation>备份文件夹(&amp;B)：</translation>
    </message>
    <message>
        <source>Backups &amp;retained:</source>
        <translation>备份保留份数(&amp;R)：</translation>
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
        <translation>清除</translation>
    </message>
    <message>
        <source>Signer&apos;s name</source>
        <translation>签名人姓名</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the pen or the mouse</source>
        <translation>请用手写笔或鼠标在此签名</translation>
    </message>
    <message>
        <source>Sign here (pen or mouse)</source>
        <translation>在此签名（手写笔或鼠标）</translation>
    </message>
</context>
<context>
    <name>StaffDock</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record leaving (调离)</source>
        <translation>登记调离</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>调离日期</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Left on {date}</source>
        <translation>已于 {date} 调离</translation>
    </message>
</context>
<context>
    <name>StaffPicker</name>
    <message>
        <source>Type a name…</source>
        <translation>输入姓名…</translation>
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
        <source>Please wait</source>
        <translation>请稍候</translation>
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
        <translation>已入住</translation>
    </message>
    <message>
        <source>Vacant</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>Renovating</source>
        <translation>装修中</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已调离</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商铺</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>库房</translation>
    </message>
    <message>
        <source>Residence</source>
        <translation>住宅</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>车位</translation>
    </message>
    <message>
        <source>Customer-service assistant</source>
        <translation>客服助理</translation>
    </message>
    <message>
        <source>Customer-service supervisor</source>
        <translation>客服主任</translation>
    </message>
    <message>
        <source>Customer-service manager</source>
        <translation>客服经理</translation>
    </message>
    <message>
        <source>Archivist</source>
        <translation>档案管理员</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Engineering</source>
        <translation>工程</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
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
    <message>
        <source>{n} desks connected</source>
        <translation>{n} 台电脑在线</translation>
    </message>
    <message>
        <source>PropDesk is open on: {desks}</source>
        <translation>PropDesk 正在以下电脑上运行：{desks}</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Database connection</source>
        <translation>数据库连接</translation>
    </message>
    <message>
        <source>Cannot reach the database (network drive disconnected?). What you typed is kept; save again once the connection is back.</source>
        <translation>无法连接数据库（网络盘断开？）。您输入的内容已保留，连接恢复后请重试。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Still not reachable.</source>
        <translation>仍无法连接。</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the lists again (F5)</source>
        <translation>重新读取（F5）</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应还时间</translation>
    </message>
    <message>
        <source>Late by</source>
        <translation>逾期时长</translation>
    </message>
    <message>
        <source>&lt;b&gt;Today&lt;/b&gt; — loading…</source>
        <translation>&lt;b&gt;今日待办&lt;/b&gt; — 正在读取…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Today&lt;/b&gt; — cannot be read now ({error}).</source>
        <translation>&lt;b&gt;今日待办&lt;/b&gt; — 暂时无法读取（{error}）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Today&lt;/b&gt; {date} — {n} to handle; Enter opens the record</source>
        <translation>&lt;b&gt;今日待办&lt;/b&gt; {date} — 共 {n} 项待处理；按回车打开记录</translation>
    </message>
    <message>
        <source>&lt;b&gt;Today&lt;/b&gt; {date} — nothing overdue.</source>
        <translation>&lt;b&gt;今日待办&lt;/b&gt; {date} — 没有逾期事项。</translation>
    </message>
    <message>
        <source>{label} ({n})</source>
        <translation>{label}（{n}）</translation>
    </message>
    <message>
        <source>— the first {shown} shown</source>
        <translation>— 仅显示前 {shown} 条</translation>
    </message>
    <message>
        <source>{label} — none</source>
        <translation>{label} — 无</translation>
    </message>
    <message>
        <source>Enter opens {text}</source>
        <translation>按回车打开 {text}</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>{action} — {record}</source>
        <translation>{action} — {record}</translation>
    </message>
    <message>
        <source>{action} (Enter)</source>
        <translation>{action}（Enter）</translation>
    </message>
    <message>
        <source>{action}: {record}</source>
        <translation>{action}：{record}</translation>
    </message>
    <message>
        <source>Tick every confirmation first.</source>
        <translation>请先勾选每一项确认。</translation>
    </message>
</context>
<context>
    <name>UnitsDock</name>
    <message>
        <source>Unit no.</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>大厦</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Unit {code}</source>
        <translation>单元 {code}</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void {record}</source>
        <translation>作废 {record}</translation>
    </message>
    <message>
        <source>Void (Ctrl+Enter)</source>
        <translation>作废（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>{record} stays in the register, marked void, with your reason.</source>
        <translation>{record} 仍保留在台账中，标记为作废并记录原因。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The check digit is wrong: re-read the number from the document.</source>
        <translation>校验位不对，请对照证件重新核对号码。</translation>
    </message>
    <message>
        <source>Must be {n} characters long.</source>
        <translation>长度须为 {n} 位。</translation>
    </message>
    <message>
        <source>The birth date or region code in the number is impossible.</source>
        <translation>号码中的出生日期或地区代码不存在。</translation>
    </message>
    <message>
        <source>Contains characters that do not belong in this kind of number.</source>
        <translation>含有此类号码不允许的字符。</translation>
    </message>
    <message>
        <source>Not a valid number.</source>
        <translation>号码无效。</translation>
    </message>
    <message>
        <source>A passport number has 5–17 letters and digits.</source>
        <translation>护照号码为 5–17 位字母和数字。</translation>
    </message>
    <message>
        <source>Not a mainland mobile (11 digits, starts with 1) or landline number.</source>
        <translation>不是有效的大陆手机号（11 位，以 1 开头）或固定电话号码。</translation>
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
        <translation>请选择单元、业主/租户或员工。</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <source>This is not an Excel workbook (.xlsx).</source>
        <translation>这不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>No header row: none of the first {n} rows has two cells.</source>
        <translation>找不到表头行：前 {n} 行中没有一行至少有两个单元格填写了内容。</translation>
    </message>
    <message>
        <source>The sheet has no column {header}.</source>
        <translation>表格中没有“{header}”列。</translation>
    </message>
    <message>
        <source>{field} is not a field {register} can import.</source>
        <translation>“{field}”不是{register}可以导入的栏目。</translation>
    </message>
    <message>
        <source>Two columns are mapped to {field}.</source>
        <translation>有两列都对应到了“{field}”。</translation>
    </message>
    <message>
        <source>The sheet needs a column for: {fields}.</source>
        <translation>表格须包含以下栏目的列：{fields}。</translation>
    </message>
    <message>
        <source>No single {what} matches {value}.</source>
        <translation>找不到与“{value}”唯一对应的{what}。</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>此日期是将来的日期。</translation>
    </message>
    <message>
        <source>The number {number} is already used.</source>
        <translation>单号 {number} 已被使用。</translation>
    </message>
    <message>
        <source>{number} is not a number of {register} ({prefix}-…).</source>
        <translation>{number} 不是{register}的单号（{prefix}-…）。</translation>
    </message>
    <message>
        <source>Also on row {row}; each number once.</source>
        <translation>与第 {row} 行重复；每个单号只能出现一次。</translation>
    </message>
    <message>
        <source>{what} is not {free} now; a loan still out needs it.</source>
        <translation>{what} 目前不是“{free}”状态，无法导入这条尚未归还的借阅记录。</translation>
    </message>
    <message>
        <source>The {year} holiday schedule has not been entered; Monday–Friday are being counted as working days. A manager can enter it under File › Office calendar.</source>
        <translation>{year} 年的节假日安排尚未录入，目前按周一至周五为工作日计算。客服经理可在“文件 › 节假日安排”中录入。</translation>
    </message>
    <message>
        <source>The {first} and {second} holiday schedules have not been entered; Monday–Friday are being counted as working days. A manager can enter them under File › Office calendar.</source>
        <translation>{first} 年和 {second} 年的节假日安排尚未录入，目前按周一至周五为工作日计算。客服经理可在“文件 › 节假日安排”中录入。</translation>
    </message>
    <message>
        <source>Enter a date such as 2027-01-01.</source>
        <translation>请填写日期，例如 2027-01-01。</translation>
    </message>
    <message>
        <source>Give a date from {first} to {last}.</source>
        <translation>请填写 {first} 至 {last} 之间的日期。</translation>
    </message>
    <message>
        <source>This day is already in the office calendar; edit that entry instead.</source>
        <translation>节假日安排中已有这一天，请直接修改该条目。</translation>
    </message>
    <message>
        <source>Choose 休 (day off) or 班 (working day).</source>
        <translation>请选择“休”（休息日）或“班”（工作日）。</translation>
    </message>
    <message>
        <source>The sheet is empty.</source>
        <translation>工作表是空的。</translation>
    </message>
    <message>
        <source>The first row needs the columns: {columns}.</source>
        <translation>第一行须包含以下列：{columns}。</translation>
    </message>
    <message>
        <source>Also on row {row}; each day once.</source>
        <translation>与第 {row} 行重复；每一天只能出现一次。</translation>
    </message>
    <message>
        <source>Check these fields: {details}</source>
        <translation>请检查以下栏目：{details}</translation>
    </message>
    <message>
        <source>Also on row {row}; each unit once.</source>
        <translation>与第 {row} 行重复；每个单元只能出现一次。</translation>
    </message>
    <message>
        <source>Several owners or tenants have this name; add the ID number.</source>
        <translation>有多位业主/租户同名，请补填证件号码。</translation>
    </message>
    <message>
        <source>Also on row {row}; each person or company once.</source>
        <translation>与第 {row} 行重复；每个人或单位只能出现一次。</translation>
    </message>
    <message>
        <source>Several staff of this department have this name; edit them in PropDesk.</source>
        <translation>该部门有多名同名员工，请在 PropDesk 中修改。</translation>
    </message>
    <message>
        <source>Also on row {row}; each person once.</source>
        <translation>与第 {row} 行重复；每人只能出现一次。</translation>
    </message>
    <message>
        <source>The sheet has no rows to import.</source>
        <translation>工作表中没有可导入的行。</translation>
    </message>
    <message>
        <source>The signature image is not usable; sign again.</source>
        <translation>签名图像无法使用，请重新签名。</translation>
    </message>
    <message>
        <source>Whose signature is this? Enter the signer&apos;s name.</source>
        <translation>这是谁的签名？请填写签名人姓名。</translation>
    </message>
    <message>
        <source>Key {id} does not exist.</source>
        <translation>钥匙 {id} 不存在。</translation>
    </message>
    <message>
        <source>No key has the code {code}.</source>
        <translation>没有编号为 {code} 的钥匙。</translation>
    </message>
    <message>
        <source>Enter the key code.</source>
        <translation>请输入钥匙编号。</translation>
    </message>
    <message>
        <source>Control characters are not allowed here.</source>
        <translation>此处不能包含控制字符。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>请从列出的选项中选择。</translation>
    </message>
    <message>
        <source>At least {n}.</source>
        <translation>不能小于 {n}。</translation>
    </message>
    <message>
        <source>At most {n}.</source>
        <translation>不能大于 {n}。</translation>
    </message>
    <message>
        <source>Choose a value.</source>
        <translation>请选择一项。</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>请填写整数。</translation>
    </message>
    <message>
        <source>Enter an amount such as 12.50.</source>
        <translation>请填写金额，例如 12.50。</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>请按 YYYY-MM-DD（年-月-日）格式填写日期。</translation>
    </message>
    <message>
        <source>Enter a date and time as YYYY-MM-DD HH:MM.</source>
        <translation>请按 YYYY-MM-DD HH:MM（年-月-日 时:分）格式填写日期和时间。</translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation>填写的内容无效。</translation>
    </message>
    <message>
        <source>Use letters, digits and - . / only (no spaces, no Chinese): it goes on a barcode.</source>
        <translation>只能使用字母、数字和 - . /（不能有空格或汉字）：编号要印成条码。</translation>
    </message>
    <message>
        <source>A code may not start like a document number (JY-, YS-, … ).</source>
        <translation>编号不能以单据号前缀开头（JY-、YS- …）。</translation>
    </message>
    <message>
        <source>The code {code} is already used.</source>
        <translation>编号 {code} 已被使用。</translation>
    </message>
    <message>
        <source>A unit&apos;s file needs its unit.</source>
        <translation>按户建立的档案须填写房号。</translation>
    </message>
    <message>
        <source>This unit already has its household file {code}.</source>
        <translation>此房号已有一户一档档案 {code}。</translation>
    </message>
    <message>
        <source>Copying or taking a file away needs the department head&apos;s approval.</source>
        <translation>复印或带走档案须经部门负责人批准。</translation>
    </message>
    <message>
        <source>Mark each item once: as lent, missing or damaged.</source>
        <translation>每项只能标记一次：完好、缺失或损坏。</translation>
    </message>
    <message>
        <source>Check every item with the borrower: {n} not checked yet.</source>
        <translation>请与借阅人逐项核对：尚有 {n} 项未核对。</translation>
    </message>
    <message>
        <source>Say what is missing or damaged and how it happened.</source>
        <translation>请说明缺失或损坏的情况及原因。</translation>
    </message>
    <message>
        <source>The file is still out on this loan: take it back first, then void the loan.</source>
        <translation>该借阅单的档案尚未归还：请先收回档案，再作废借阅单。</translation>
    </message>
    <message>
        <source>A key code may not start like a document number (YS-, JJ-, QD- …).</source>
        <translation>钥匙编号不能以单据号前缀开头（YS-、JJ-、QD- …）。</translation>
    </message>
    <message>
        <source>Another key already has this code.</source>
        <translation>已有其他钥匙使用此编号。</translation>
    </message>
    <message>
        <source>Enter a label, e.g. A-1203 户门 or 配电室.</source>
        <translation>请输入名称，例如 A-1203 户门 或 配电室。</translation>
    </message>
    <message>
        <source>A key set has at least one key.</source>
        <translation>每套钥匙至少有一把。</translation>
    </message>
    <message>
        <source>There is no unit {code}.</source>
        <translation>没有房号 {code}。</translation>
    </message>
    <message>
        <source>This cannot be changed here.</source>
        <translation>此项不能在这里修改。</translation>
    </message>
    <message>
        <source>This key is out on loan {number} to {holder}, due {due}.</source>
        <translation>此钥匙已借给 {holder}（借用单 {number}），应还时间 {due}。</translation>
    </message>
    <message>
        <source>This key is out with {holder}.</source>
        <translation>此钥匙在 {holder} 处。</translation>
    </message>
    <message>
        <source>This key was issued to {holder}; it is not in the cabinet.</source>
        <translation>此钥匙已发放给 {holder}，不在柜内。</translation>
    </message>
    <message>
        <source>This key is reported lost.</source>
        <translation>此钥匙已报遗失。</translation>
    </message>
    <message>
        <source>This key is retired.</source>
        <translation>此钥匙已停用。</translation>
    </message>
    <message>
        <source>Choose the staff member.</source>
        <translation>请选择员工。</translation>
    </message>
    <message>
        <source>Staff borrowing a key state the purpose.</source>
        <translation>内部人员借用钥匙须说明用途。</translation>
    </message>
    <message>
        <source>Enter the borrower&apos;s name.</source>
        <translation>请填写借用人姓名。</translation>
    </message>
    <message>
        <source>An outside borrower needs a document reference (证件/文件号).</source>
        <translation>外部人员借用须填写证件/文件号。</translation>
    </message>
    <message>
        <source>An outside borrower needs the approving leader&apos;s name.</source>
        <translation>外部人员借用须填写批准领导姓名。</translation>
    </message>
    <message>
        <source>Keys are lent for the same day only (当天借当天还).</source>
        <translation>钥匙须当天借当天还。</translation>
    </message>
    <message>
        <source>The due time has already passed.</source>
        <translation>应还时间已过。</translation>
    </message>
    <message>
        <source>Keys are due back by {time} at the latest.</source>
        <translation>钥匙最迟须在 {time} 前归还。</translation>
    </message>
    <message>
        <source>There is no key loan {number}.</source>
        <translation>没有借用单 {number}。</translation>
    </message>
    <message>
        <source>Loan {number} was already closed on {at}.</source>
        <translation>借用单 {number} 已于 {at} 办结。</translation>
    </message>
    <message>
        <source>This key is not out on loan.</source>
        <translation>此钥匙未借出。</translation>
    </message>
    <message>
        <source>Choose good, damaged or lost.</source>
        <translation>请选择完好、损坏或遗失。</translation>
    </message>
    <message>
        <source>Damage or loss needs the borrower&apos;s statement (说明).</source>
        <translation>损坏或遗失须由借用人填写说明。</translation>
    </message>
    <message>
        <source>A key cannot come back before it was lent.</source>
        <translation>归还时间不能早于借出时间。</translation>
    </message>
    <message>
        <source>List at least one key.</source>
        <translation>请至少列出一套钥匙。</translation>
    </message>
    <message>
        <source>Each line is a key code and a count.</source>
        <translation>每行须有钥匙编号和数量。</translation>
    </message>
    <message>
        <source>Key {code} is listed twice.</source>
        <translation>钥匙 {code} 重复列出。</translation>
    </message>
    <message>
        <source>Key {code} is not registered; register it first, then hand it over.</source>
        <translation>钥匙 {code} 尚未登记，请先登记再交接。</translation>
    </message>
    <message>
        <source>Enter the number of keys counted.</source>
        <translation>请填写实点数量。</translation>
    </message>
    <message>
        <source>{code} {label}: {counted} counted, the set has {expected}. Count again.</source>
        <translation>{code} {label}：实点 {counted} 把，本套应有 {expected} 把，请重新清点。</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>No such owner or tenant.</source>
        <translation>没有此业主/租户。</translation>
    </message>
    <message>
        <source>Hand over to someone else.</source>
        <translation>请交接给其他人。</translation>
    </message>
    <message>
        <source>There is no key handover {number}.</source>
        <translation>没有钥匙交接单 {number}。</translation>
    </message>
    <message>
        <source>Unknown code.</source>
        <translation>未知编号。</translation>
    </message>
    <message>
        <source>The key is lent out as {number}.</source>
        <translation>此钥匙已借出（借用单 {number}）。</translation>
    </message>
    <message>
        <source>The key was issued to {holder}.</source>
        <translation>此钥匙已发放给 {holder}。</translation>
    </message>
    <message>
        <source>The key is reported lost.</source>
        <translation>此钥匙已报遗失。</translation>
    </message>
    <message>
        <source>The key is retired.</source>
        <translation>此钥匙已停用。</translation>
    </message>
    <message>
        <source>There is no stocktake {number}.</source>
        <translation>没有清点单 {number}。</translation>
    </message>
    <message>
        <source>This stocktake is finished already.</source>
        <translation>此次清点已经完成。</translation>
    </message>
    <message>
        <source>Scan or type a key code.</source>
        <translation>请扫描或输入钥匙编号。</translation>
    </message>
    <message>
        <source>Unknown key status.</source>
        <translation>未知的钥匙状态。</translation>
    </message>
    <message>
        <source>Key loans are due back the same day by this time.</source>
        <translation>借用的钥匙须在当天此时间前归还。</translation>
    </message>
    <message>
        <source>Working days an archive file may stay out with the department&apos;s own staff.</source>
        <translation>本部门员工借阅档案的期限（工作日）。</translation>
    </message>
    <message>
        <source>Working days an archive file may stay out with another department.</source>
        <translation>其他部门借阅档案的期限（工作日）。</translation>
    </message>
    <message>
        <source>Working days mail may wait at the desk before it is on the Today panel.</source>
        <translation>邮件在前台存放超过此工作日数即列入今日待办。</translation>
    </message>
    <message>
        <source>Times the desk shifts change (comma separated): mail still held is handed over with both signatures.</source>
        <translation>前台交接班时间（以逗号分隔）：尚存邮件须双方签名交接。</translation>
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
        <source>Folder for database backups; empty: propdesk-backups beside the database.</source>
        <translation>数据库备份文件夹；留空则为数据库旁的 propdesk-backups 文件夹。</translation>
    </message>
    <message>
        <source>Callback hours on working days, e.g. 10:00-12:00 15:00-17:00 (none on holidays).</source>
        <translation>工作日回访时段，如 10:00-12:00 15:00-17:00（节假日不回访）。</translation>
    </message>
    <message>
        <source>The callback script: greeting, questions, closing, parted by ｜; {name}, {clerk} and {subject} are filled in.</source>
        <translation>回访话术：问候语、问题、结束语，以“｜”分隔；{name}、{clerk}、{subject} 自动填入。</translation>
    </message>
    <message>
        <source>How many daily (and manual) backups to keep.</source>
        <translation>每日（及手动）备份各保留的份数。</translation>
    </message>
    <message>
        <source>Give time windows such as 10:00-12:00 15:00-17:00.</source>
        <translation>请按 10:00-12:00 15:00-17:00 的格式填写时段。</translation>
    </message>
    <message>
        <source>Use the form HH:MM, e.g. 18:00.</source>
        <translation>请按 时:分 格式填写，例如 18:00。</translation>
    </message>
    <message>
        <source>Give a whole number from 1 to 3650.</source>
        <translation>请填写 1 到 3650 之间的整数。</translation>
    </message>
    <message>
        <source>Give a whole number of working days from 1 to 60.</source>
        <translation>请填写 1 到 60 之间的整数（工作日）。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation>内容过长。</translation>
    </message>
    <message>
        <source>Enter the area in m², e.g. 86.50.</source>
        <translation>请以 m² 为单位填写面积，例如 86.50。</translation>
    </message>
    <message>
        <source>The area must be more than 0 m².</source>
        <translation>面积必须大于 0 m²。</translation>
    </message>
    <message>
        <source>The area is too large.</source>
        <translation>面积过大。</translation>
    </message>
    <message>
        <source>At most two decimal places.</source>
        <translation>最多保留两位小数。</translation>
    </message>
    <message>
        <source>No such building; create the building first.</source>
        <translation>没有此大厦，请先新建大厦。</translation>
    </message>
    <message>
        <source>Write the unit number as building-room, e.g. A-1203.</source>
        <translation>房号格式为“大厦-房间”，例如 A-1203。</translation>
    </message>
    <message>
        <source>A unit of building {building} starts with {building}-.</source>
        <translation>{building} 座的房号须以 {building}- 开头。</translation>
    </message>
    <message>
        <source>This unit number already exists.</source>
        <translation>此房号已存在。</translation>
    </message>
    <message>
        <source>Enter the floor as a whole number.</source>
        <translation>楼层请填写整数。</translation>
    </message>
    <message>
        <source>Floors run from -9 to 300.</source>
        <translation>楼层范围为 -9 至 300。</translation>
    </message>
    <message>
        <source>Choose one of the unit uses.</source>
        <translation>请选择用途。</translation>
    </message>
    <message>
        <source>Choose occupied, vacant or renovating.</source>
        <translation>请选择已入住、空置或装修中。</translation>
    </message>
    <message>
        <source>Choose owner or tenant.</source>
        <translation>请选择业主或租户。</translation>
    </message>
    <message>
        <source>Answer yes or no.</source>
        <translation>请选择是或否。</translation>
    </message>
    <message>
        <source>Choose one of the document types.</source>
        <translation>请选择证件类型。</translation>
    </message>
    <message>
        <source>A company is identified by its unified social credit code.</source>
        <translation>单位须使用统一社会信用代码。</translation>
    </message>
    <message>
        <source>A person is identified by a resident ID card or a passport.</source>
        <translation>个人须使用居民身份证或护照。</translation>
    </message>
    <message>
        <source>Another owner or tenant already has this number.</source>
        <translation>已有其他业主/租户使用此证件号码。</translation>
    </message>
    <message>
        <source>No such unit: {codes}.</source>
        <translation>没有以下房号：{codes}。</translation>
    </message>
    <message>
        <source>Choose one of the departments.</source>
        <translation>请选择部门。</translation>
    </message>
    <message>
        <source>Use 1–8 letters or digits, e.g. A.</source>
        <translation>请使用 1–8 位字母或数字，例如 A。</translation>
    </message>
    <message>
        <source>This building code already exists.</source>
        <translation>此大厦编号已存在。</translation>
    </message>
    <message>
        <source>No such building.</source>
        <translation>没有此大厦。</translation>
    </message>
    <message>
        <source>This floor already exists.</source>
        <translation>此楼层已存在。</translation>
    </message>
    <message>
        <source>This record is voided and can no longer be changed.</source>
        <translation>此记录已作废，不能再修改。</translation>
    </message>
    <message>
        <source>Give the reason for voiding.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <source>This record does not exist.</source>
        <translation>此记录不存在。</translation>
    </message>
    <message>
        <source>Only an active staff member can be chosen.</source>
        <translation>只能选择在职员工。</translation>
    </message>
    <message>
        <source>{register} {id} does not exist.</source>
        <translation>{register} {id} 不存在。</translation>
    </message>
    <message>
        <source>This record is already voided.</source>
        <translation>此记录已作废。</translation>
    </message>
    <message>
        <source>This record is voided.</source>
        <translation>此记录已作废。</translation>
    </message>
    <message>
        <source>It is {state} now{where}: its contents change when it is back.</source>
        <translation>当前为{state}{where}：归还后才能修改内容。</translation>
    </message>
    <message>
        <source>This item is voided.</source>
        <translation>此项已作废。</translation>
    </message>
    <message>
        <source>The list already has this item.</source>
        <translation>清单中已有此项。</translation>
    </message>
    <message>
        <source>This item has no scanned copy.</source>
        <translation>此项没有扫描件。</translation>
    </message>
    <message>
        <source>{what} is {state} now{where}; {action} needs it to be {allowed}.</source>
        <translation>{what} 当前状态为{state}{where}；状态为{allowed}时才能{action}。</translation>
    </message>
    <message>
        <source>This step takes no signature.</source>
        <translation>此步骤无需签字。</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>Only when {allowed}.</source>
        <translation>状态为{allowed}时才能办理。</translation>
    </message>
    <message>
        <source>This person has already left.</source>
        <translation>此人已调离。</translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation>请填写日期。</translation>
    </message>
    <message>
        <source>This person still holds: {items}. Take them back first.</source>
        <translation>此人仍有以下物品未归还：{items}。请先收回。</translation>
    </message>
    <message>
        <source>This database already has units; demo data goes into an empty one.</source>
        <translation>此数据库已有单元数据；演示数据只能导入空数据库。</translation>
    </message>
    <message>
        <source>Use 1 to 40 units per floor.</source>
        <translation>每层单元数须为 1 至 40。</translation>
    </message>
    <message>
        <source>The database is on a network drive. Every PC needs write access to its folder; with more than a few PCs at once, move the office to PostgreSQL.</source>
        <translation>数据库位于网络盘上。每台电脑都须对其所在文件夹有写入权限；如同时使用的电脑较多，请将办公室数据库迁移到 PostgreSQL。</translation>
    </message>
    <message>
        <source>Another PC is upgrading the database; please wait…</source>
        <translation>另一台电脑正在升级数据库，请稍候…</translation>
    </message>
    <message>
        <source>Unknown filter value.</source>
        <translation>未知的筛选条件。</translation>
    </message>
    <message>
        <source>{register} prints no {slip}.</source>
        <translation>{register}不能打印“{slip}”。</translation>
    </message>
    <message>
        <source>{slip} prints on {papers}.</source>
        <translation>{slip}只能打印在{papers}上。</translation>
    </message>
    <message>
        <source>Choose what to print.</source>
        <translation>请选择要打印的记录。</translation>
    </message>
    <message>
        <source>Only a unit&apos;s file can be opened per unit.</source>
        <translation>只有按户建立的档案类别才能逐户开档。</translation>
    </message>
    <message>
        <source>{register} {number}: {item}, due {due}</source>
        <translation>{register} {number}：{item}，应还 {due}</translation>
    </message>
    <message>
        <source>{register} {number}: {item}</source>
        <translation>{register} {number}：{item}</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>此文件是空的。</translation>
    </message>
    <message>
        <source>The file is larger than {n} MB.</source>
        <translation>文件超过 {n} MB。</translation>
    </message>
    <message>
        <source>Only PDF, PNG or JPEG scans can be attached.</source>
        <translation>只能添加 PDF、PNG 或 JPEG 格式的扫描件。</translation>
    </message>
    <message>
        <source>The scanned copy is missing.</source>
        <translation>找不到扫描件。</translation>
    </message>
    <message>
        <source>The scanned copy was kept beside the old SQLite database file.</source>
        <translation>此扫描件保存在原 SQLite 数据库文件旁，现在无法读取。</translation>
    </message>
    <message>
        <source>The scanned copy is damaged.</source>
        <translation>扫描件已损坏。</translation>
    </message>
    <message>
        <source>This item is already registered as {number}.</source>
        <translation>此邮件已登记为 {number}。</translation>
    </message>
    <message>
        <source>This owner or tenant is not linked to the unit.</source>
        <translation>此业主/租户不属于该单元。</translation>
    </message>
    <message>
        <source>Describe the damage to the envelope before signing for it.</source>
        <translation>签收前请注明邮封破损情况。</translation>
    </message>
    <message>
        <source>Note the courier company and why the parcel was refused.</source>
        <translation>请注明快递公司及拒收原因。</translation>
    </message>
    <message>
        <source>Say who was told on the phone.</source>
        <translation>请填写电话通知了谁。</translation>
    </message>
    <message>
        <source>The recipient signs and is registered with their Chinese name.</source>
        <translation>领取人须登记并签署中文姓名。</translation>
    </message>
    <message>
        <source>This document does not match the addressee on file: pick up as an authorised person, with the authorisation.</source>
        <translation>此证件与登记的收件人不符：如为代领，请按受托代领办理并登记授权。</translation>
    </message>
    <message>
        <source>This document matches no owner or tenant of the unit on file.</source>
        <translation>此证件与本单元登记的业主/租户均不符。</translation>
    </message>
    <message>
        <source>The document on file is in the name of {name}.</source>
        <translation>登记的证件姓名为 {name}。</translation>
    </message>
    <message>
        <source>Choose the addressee or the owner or tenant who authorised the pickup.</source>
        <translation>请选择授权代领的收件人或本单元业主/租户。</translation>
    </message>
    <message>
        <source>Only the addressee or an owner or tenant of the unit can authorise.</source>
        <translation>只有收件人或本单元业主/租户可以授权代领。</translation>
    </message>
    <message>
        <source>Record the authorisation (letter of authority, phone call with whom).</source>
        <translation>请登记授权凭证（授权委托书，或与谁电话确认）。</translation>
    </message>
    <message>
        <source>Only items for the same recipient go into one pickup.</source>
        <translation>同一领取单只能领取同一领取人的邮件。</translation>
    </message>
    <message>
        <source>That pickup was on another day.</source>
        <translation>该领取单不是今天的。</translation>
    </message>
    <message>
        <source>Only mail on the return list goes back to the post office: two failed delivery tries, or an addressee who has moved out.</source>
        <translation>只有列入退回清单的邮件才能退回邮局：两次复派无人认收，或收件人已迁出。</translation>
    </message>
    <message>
        <source>Scan the items to hand out.</source>
        <translation>请扫描要发放的邮件。</translation>
    </message>
    <message>
        <source>Who takes the mail over?</source>
        <translation>请填写接班人。</translation>
    </message>
    <message>
        <source>The next shift is someone else.</source>
        <translation>接班人须为他人。</translation>
    </message>
    <message>
        <source>The clerk handing over signs.</source>
        <translation>交班人须签名。</translation>
    </message>
    <message>
        <source>The clerk taking over signs.</source>
        <translation>接班人须签名。</translation>
    </message>
    <message>
        <source>This title is already counted today.</source>
        <translation>此报刊今天已清点登记。</translation>
    </message>
    <message>
        <source>Give the month as YYYY-MM or the quarter as YYYY-Qn, e.g. 2026-03, 2026-Q1.</source>
        <translation>月份请填 YYYY-MM，季度请填 YYYY-Qn，如 2026-03、2026-Q1。</translation>
    </message>
    <message>
        <source>Choose a member of the engineering department (工程部).</source>
        <translation>请选择工程部人员。</translation>
    </message>
    <message>
        <source>A customer&apos;s area needs its unit.</source>
        <translation>客户区域维修须填写房号。</translation>
    </message>
    <message>
        <source>Say where in the public area.</source>
        <translation>请填写公共区域的维修地点。</translation>
    </message>
    <message>
        <source>This order is not paid work.</source>
        <translation>本单不属有偿服务。</translation>
    </message>
    <message>
        <source>Enter the price the customer confirmed.</source>
        <translation>请填写客户确认的收费金额。</translation>
    </message>
    <message>
        <source>Paid work: the customer has not confirmed the price yet — no confirmation, no work.</source>
        <translation>有偿服务：客户尚未确认收费标准，未经确认不得维修。</translation>
    </message>
    <message>
        <source>The appointment must be later.</source>
        <translation>预约维修时间须晚于现在。</translation>
    </message>
    <message>
        <source>The deadline cannot be in the past.</source>
        <translation>整改期限不能早于今天。</translation>
    </message>
    <message>
        <source>A major complaint needs the general manager&apos;s measures.</source>
        <translation>重大投诉须填写项目总经理落实的解决措施。</translation>
    </message>
    <message>
        <source>A major complaint needs the person responsible.</source>
        <translation>重大投诉须填写责任人。</translation>
    </message>
    <message>
        <source>A complaint is closed only after the complainant has been called back.</source>
        <translation>投诉须回访客户后方可结案。</translation>
    </message>
</context>
</TS>
