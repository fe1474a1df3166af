//! The `systemuser`-like hub page of each copy: its columns, modelled on the real page, and
//! its relationship blocks.

use super::*;

/// The type of a generated column, with what its property table states.
pub(super) enum Kind {
    Str(u32),
    Email,
    Memo(u32),
    Int(i64, i64),
    BigInt,
    Double(i32),
    Decimal,
    Bool(&'static str, &'static str),
    DateTime(&'static str),
    Uid,
    Lookup(&'static str),
    Picklist(&'static [(i32, &'static str)]),
    State,
    Status,
}

const ADDRESS_TYPE: &[(i32, &str)] = &[(1, "Default Value")];
const ACCESS_MODE: &[(i32, &str)] = &[
    (0, "Read-Write"),
    (1, "Administrative"),
    (2, "Read"),
    (3, "Support User"),
    (4, "Non-interactive"),
    (5, "Delegated Admin"),
];
const AZURE_STATE: &[(i32, &str)] = &[
    (0, "Exists"),
    (1, "Soft deleted"),
    (2, "Not found or hard deleted"),
];
const CAL_TYPE: &[(i32, &str)] = &[
    (0, "Professional"),
    (1, "Administrative"),
    (2, "Basic"),
    (3, "Device Professional"),
    (4, "Device Basic"),
    (5, "Essential"),
    (6, "Device Essential"),
    (7, "Enterprise"),
    (8, "Device Enterprise"),
    (9, "Sales"),
    (10, "Service"),
    (11, "Field Service"),
    (12, "Project Service"),
];
const APPROVAL: &[(i32, &str)] = &[
    (0, "Empty"),
    (1, "Approved"),
    (2, "Pending Approval"),
    (3, "Rejected"),
];
const DELIVERY: &[(i32, &str)] = &[
    (0, "None"),
    (1, "Microsoft Dynamics 365 for Outlook"),
    (2, "Server-Side Synchronization or Email Router"),
    (3, "Forward Mailbox"),
];
const INVITE: &[(i32, &str)] = &[
    (0, "Invitation Not Sent"),
    (1, "Invited"),
    (2, "Invitation Near Expired"),
    (3, "Invitation Expired"),
    (4, "Invitation Accepted"),
    (5, "Invitation Rejected"),
    (6, "Invitation Revoked"),
];
const PREFERRED_ADDRESS: &[(i32, &str)] = &[(1, "Mailing Address"), (2, "Other Address")];
const PREFERRED_EMAIL: &[(i32, &str)] = &[(1, "Default Value")];
const PREFERRED_PHONE: &[(i32, &str)] = &[
    (1, "Main Phone"),
    (2, "Other Phone"),
    (3, "Home Phone"),
    (4, "Mobile Phone"),
];
const MANAGED_TYPE: &[(i32, &str)] = &[
    (0, "Microsoft Entra user"),
    (1, "Microsoft Entra application user"),
    (2, "Microsoft Entra managed identity user"),
];

/// A column of the hub page: schema name, display name, description, kind.
type HubColumn = (String, String, String, Kind);

/// The hub's writable and read-only columns.
fn hub_columns() -> (Vec<HubColumn>, Vec<HubColumn>) {
    let mut w: Vec<HubColumn> = Vec::new();
    let col = |v: &mut Vec<_>, schema: &str, display: &str, desc: &str, kind: Kind| {
        v.push((
            schema.to_string(),
            display.to_string(),
            desc.to_string(),
            kind,
        ));
    };
    col(
        &mut w,
        "AccessMode",
        "Access Mode",
        "Type of user.",
        Kind::Picklist(ACCESS_MODE),
    );
    for n in 1..=2 {
        let a = |s: &str| format!("Address{n}_{s}");
        let d = |s: &str| format!("{s} for address {n}.");
        let p = format!("Address {n}");
        for (s, disp, desc, kind) in [
            ("AddressId", "ID", "Unique identifier", Kind::Uid),
            (
                "AddressTypeCode",
                "Address Type",
                "Type of address, such as billing, shipping, or primary address,",
                Kind::Picklist(ADDRESS_TYPE),
            ),
            ("City", "City", "City name", Kind::Str(128)),
            (
                "Country",
                "Country/Region",
                "Country/region name",
                Kind::Str(128),
            ),
            ("County", "County", "County name", Kind::Str(128)),
            ("Fax", "Fax", "Fax number", Kind::Str(64)),
            ("Latitude", "Latitude", "Latitude", Kind::Double(5)),
            (
                "Line1",
                "Street 1",
                "First line for entering address information",
                Kind::Str(1024),
            ),
            (
                "Line2",
                "Street 2",
                "Second line for entering address information",
                Kind::Str(1024),
            ),
            (
                "Line3",
                "Street 3",
                "Third line for entering address information",
                Kind::Str(1024),
            ),
            ("Longitude", "Longitude", "Longitude", Kind::Double(5)),
            ("Name", "Name", "Name to enter", Kind::Str(100)),
            (
                "PostalCode",
                "ZIP/Postal Code",
                "ZIP Code or postal code",
                Kind::Str(40),
            ),
            (
                "PostOfficeBox",
                "Post Office Box",
                "Post office box number",
                Kind::Str(40),
            ),
            (
                "ShippingMethodCode",
                "Shipping Method",
                "Method of shipment",
                Kind::Picklist(ADDRESS_TYPE),
            ),
            (
                "StateOrProvince",
                "State/Province",
                "State or province name",
                Kind::Str(128),
            ),
            (
                "Telephone1",
                "Main Phone",
                "First telephone number associated",
                Kind::Str(64),
            ),
            (
                "Telephone2",
                "Other Phone",
                "Second telephone number associated",
                Kind::Str(50),
            ),
            (
                "Telephone3",
                "Pager",
                "Third telephone number associated",
                Kind::Str(50),
            ),
            (
                "UPSZone",
                "UPS Zone",
                "United Parcel Service (UPS) zone",
                Kind::Str(4),
            ),
            (
                "UTCOffset",
                "UTC Offset",
                "UTC offset",
                Kind::Int(-1500, 1500),
            ),
        ] {
            col(&mut w, &a(s), &format!("{p}: {disp}"), &d(desc), kind);
        }
    }
    for (schema, display, desc, kind) in [
        ("ApplicationId", "Application ID", "The identifier for the application. This is used to access data in another application.", Kind::Uid),
        ("AzureState", "Azure State", "Azure state of user", Kind::Picklist(AZURE_STATE)),
        ("BusinessUnitId", "Business Unit", "Unique identifier of the business unit with which the user is associated.", Kind::Lookup("businessunit")),
        ("CalendarId", "Calendar", "Fiscal calendar associated with the user.", Kind::Lookup("calendar")),
        ("CALType", "License Type", "License type of user. This is used only in the on-premises version of the product. Online licenses are managed through Microsoft 365 Office Portal", Kind::Picklist(CAL_TYPE)),
        ("DisplayInServiceViews", "Display in Service Views", "Whether to display the user in service views.", Kind::Bool("Yes", "No")),
        ("DomainName", "User Name", "Active Directory domain of which the user is a member.", Kind::Str(1024)),
        ("EmailRouterAccessApproval", "Primary Email Status", "Shows the status of the primary email address.", Kind::Picklist(APPROVAL)),
        ("EmployeeId", "Employee", "Employee identifier for the user.", Kind::Str(100)),
        ("FirstName", "First Name", "First name of the user.", Kind::Str(256)),
        ("GovernmentId", "Government", "Government identifier for the user.", Kind::Str(100)),
        ("HomePhone", "Home Phone", "Home phone number for the user.", Kind::Str(50)),
        ("ImportSequenceNumber", "Import Sequence Number", "Unique identifier of the data import or data migration that created this record.", Kind::Int(-2147483648, 2147483647)),
        ("IncomingEmailDeliveryMethod", "Incoming Email Delivery Method", "Incoming email delivery method for the user.", Kind::Picklist(DELIVERY)),
        ("InternalEMailAddress", "Primary Email", "Internal email address for the user.", Kind::Email),
        ("InviteStatusCode", "Invitation Status", "User invitation status.", Kind::Picklist(INVITE)),
        ("IsAllowedByIpFirewall", "Is allowed by IP firewall", "Indicates whether the user is allowed by the IP firewall.", Kind::Bool("Yes", "No")),
        ("IsDisabled", "Status", "Information about whether the user is enabled.", Kind::Bool("Disabled", "Enabled")),
        ("IsIntegrationUser", "Integration user mode", "Check if user is an integration user.", Kind::Bool("Yes", "No")),
        ("IsLicensed", "User Licensed", "Information about whether the user is licensed.", Kind::Bool("Yes", "No")),
        ("IsSyncWithDirectory", "User Synced", "Information about whether the user is synced with the directory.", Kind::Bool("Yes", "No")),
        ("JobTitle", "Job Title", "Job title of the user.", Kind::Str(100)),
        ("LastName", "Last Name", "Last name of the user.", Kind::Str(256)),
        ("MiddleName", "Middle Name", "Middle name of the user.", Kind::Str(50)),
        ("MobileAlertEMail", "Mobile Alert Email", "Mobile alert email address for the user.", Kind::Email),
        ("MobileOfflineProfileId", "Mobile Offline Profile", "Items contained with a particular SystemUser.", Kind::Lookup("mobileofflineprofile")),
        ("MobilePhone", "Mobile Phone", "Mobile phone number for the user.", Kind::Str(64)),
        ("NickName", "Nickname", "Nickname of the user.", Kind::Str(50)),
        ("OutgoingEmailDeliveryMethod", "Outgoing Email Delivery Method", "Outgoing email delivery method for the user.", Kind::Picklist(DELIVERY)),
        ("OverriddenCreatedOn", "Record Created On", "Date and time that the record was migrated.", Kind::DateTime("DateOnly")),
        ("ParentSystemUserId", "Manager", "Unique identifier of the manager of the user.", Kind::Lookup("systemuser")),
        ("PassportHi", "Passport Hi", "For internal use only.", Kind::Int(0, 1000000000)),
        ("PassportLo", "Passport Lo", "For internal use only.", Kind::Int(0, 1000000000)),
        ("PersonalEMailAddress", "Email 2", "Personal email address of the user.", Kind::Email),
        ("PhotoUrl", "Photo URL", "URL for the Website on which a photo of the user is located.", Kind::Str(200)),
        ("PositionId", "Position", "User's position in hierarchical security model.", Kind::Lookup("position")),
        ("PreferredAddressCode", "Preferred Address", "Preferred address for the user.", Kind::Picklist(PREFERRED_ADDRESS)),
        ("PreferredEmailCode", "Preferred Email", "Preferred email address for the user.", Kind::Picklist(PREFERRED_EMAIL)),
        ("PreferredPhoneCode", "Preferred Phone", "Preferred phone number for the user.", Kind::Picklist(PREFERRED_PHONE)),
        ("ProcessId", "Process", "Shows the ID of the process.", Kind::Uid),
        ("QueueId", "Default Queue", "Unique identifier of the default queue for the user.", Kind::Lookup("queue")),
        ("Salutation", "Salutation", "Salutation for correspondence with the user.", Kind::Str(20)),
        ("SetupUser", "Restricted Access Mode", "Check if user is a setup user.", Kind::Bool("Yes", "No")),
        ("SharePointEmailAddress", "SharePoint Email Address", "SharePoint Work Email Address", Kind::Str(1024)),
        ("Skills", "Skills", "Skill set of the user.", Kind::Str(100)),
        ("StageId", "(Deprecated) Process Stage", "Shows the ID of the stage.", Kind::Uid),
        ("SystemManagedUserType", "System Managed User Type", "The type of user", Kind::Picklist(MANAGED_TYPE)),
        ("SystemUserId", "User", "Unique identifier for the user.", Kind::Uid),
        ("TerritoryId", "Territory", "Unique identifier of the territory to which the user is assigned.", Kind::Lookup("territory")),
        ("TimeZoneRuleVersionNumber", "Time Zone Rule Version Number", "For internal use only.", Kind::Int(-1, 2147483647)),
        ("Title", "Title", "Title of the user.", Kind::Str(128)),
        ("TransactionCurrencyId", "Currency", "Unique identifier of the currency associated with the systemuser.", Kind::Lookup("transactioncurrency")),
        ("TraversedPath", "(Deprecated) Traversed Path", "For internal use only.", Kind::Str(1250)),
        ("UserLicenseType", "User License Type", "Shows the type of user license.", Kind::Int(-2147483648, 2147483647)),
        ("UTCConversionTimeZoneCode", "UTC Conversion Time Zone Code", "Time zone code that was in use when the record was created.", Kind::Int(-1, 2147483647)),
        ("WindowsLiveID", "Windows Live ID", "Windows Live ID", Kind::Str(1024)),
        ("YammerEmailAddress", "Yammer Email", "User's Yammer login email address", Kind::Email),
        ("YammerUserId", "Yammer User ID", "User's Yammer ID", Kind::Str(128)),
        ("YomiFirstName", "Yomi First Name", "Pronunciation of the first name of the user, written in phonetic hiragana or katakana characters.", Kind::Str(64)),
        ("YomiLastName", "Yomi Last Name", "Pronunciation of the last name of the user, written in phonetic hiragana or katakana characters.", Kind::Str(64)),
        ("YomiMiddleName", "Yomi Middle Name", "Pronunciation of the middle name of the user, written in phonetic hiragana or katakana characters.", Kind::Str(50)),
    ] {
        col(&mut w, schema, display, desc, kind);
    }
    let mut r: Vec<HubColumn> = Vec::new();
    for (schema, display, desc, kind) in [
        ("CreatedBy", "Created By", "Unique identifier of the user who created the user.", Kind::Lookup("systemuser")),
        ("CreatedOn", "Created On", "Date and time when the user was created.", Kind::DateTime("DateAndTime")),
        ("CreatedOnBehalfBy", "Created By (Delegate)", "Unique identifier of the delegate user who created the systemuser.", Kind::Lookup("systemuser")),
        ("DefaultMailbox", "Mailbox", "Select the mailbox associated with this user.", Kind::Lookup("mailbox")),
        ("EntityImageId", "Entity Image Id", "For internal use only.", Kind::Uid),
        ("ExchangeRate", "Exchange Rate", "Exchange rate for the currency associated with the systemuser with respect to the base currency.", Kind::Decimal),
        ("FullName", "Full Name", "Full name of the user.", Kind::Str(200)),
        ("IsEmailAddressApprovedByO365Admin", "Email Address O365 Admin Approval Status", "Shows the status of approval of the email address by O365 Admin.", Kind::Bool("Yes", "No")),
        ("ModifiedBy", "Modified By", "Unique identifier of the user who last modified the user.", Kind::Lookup("systemuser")),
        ("ModifiedOn", "Modified On", "Date and time when the user was last modified.", Kind::DateTime("DateAndTime")),
        ("ModifiedOnBehalfBy", "Modified By (Delegate)", "Unique identifier of the delegate user who last modified the systemuser.", Kind::Lookup("systemuser")),
        ("OrganizationId", "Organization", "Unique identifier of the organization associated with the user.", Kind::Uid),
        ("PersonalMemo", "Personal notes", "Personal notes of the user.", Kind::Memo(8192)),
        ("StateCode", "Status", "Status of the user.", Kind::State),
        ("StatusCode", "Status Reason", "Reason for the status of the user.", Kind::Status),
        ("VersionNumber", "Version number", "Version number of the user.", Kind::BigInt),
        ("YomiFullName", "Yomi Full Name", "Pronunciation of the full name of the user, written in phonetic hiragana or katakana characters.", Kind::Str(200)),
    ] {
        col(&mut r, schema, display, desc, kind);
    }
    (w, r)
}

pub(super) fn column_block(
    out: &mut String,
    table: &str,
    schema: &str,
    display: &str,
    desc: &str,
    kind: &Kind,
    writable: bool,
) {
    let logical = schema.to_ascii_lowercase();
    let _ = write!(
        out,
        "### <a name=\"BKMK_{schema}\"></a> {schema}\n\n|Property|Value|\n|---|---|\n|Description|**{desc}**|\n|DisplayName|**{display}**|\n|IsValidForForm|{}|\n|IsValidForRead|True|\n|LogicalName|`{logical}`|\n|RequiredLevel|None|\n",
        if writable { "True" } else { "False" }
    );
    let choice = |out: &mut String, values: &[(i32, &str)]| {
        let _ = write!(
            out,
            "|DefaultFormValue|{}|\n|GlobalChoiceName|`{table}_{logical}`|\n\n#### {schema} Choices/Options\n\n|Value|Label|\n|---|---|\n",
            values.first().map_or(-1, |v| v.0)
        );
        for (v, label) in values {
            let _ = writeln!(out, "|{v}|**{label}**|");
        }
    };
    match kind {
        Kind::Str(max) => {
            let _ = write!(out, "|Type|String|\n|Format|Text|\n|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|{max}|\n");
        }
        Kind::Email => {
            out.push_str("|Type|String|\n|Format|Email|\n|FormatName|Email|\n|ImeMode|Inactive|\n|IsLocalizable|False|\n|MaxLength|100|\n");
        }
        Kind::Memo(max) => {
            let _ = write!(out, "|Type|Memo|\n|Format|TextArea|\n|FormatName|TextArea|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|{max}|\n");
        }
        Kind::Int(min, max) => {
            let _ = write!(out, "|Type|Integer|\n|Format|None|\n|MaxValue|{max}|\n|MinValue|{min}|\n");
        }
        Kind::BigInt => out.push_str(
            "|Type|BigInt|\n|MaxValue|9223372036854775807|\n|MinValue|-9223372036854775808|\n",
        ),
        Kind::Double(p) => {
            let _ = write!(out, "|Type|Double|\n|ImeMode|Disabled|\n|MaxValue|180|\n|MinValue|-180|\n|Precision|{p}|\n");
        }
        Kind::Decimal => out.push_str(
            "|Type|Decimal|\n|ImeMode|Disabled|\n|MaxValue|100000000000|\n|MinValue|0.000000000001|\n|Precision|12|\n",
        ),
        Kind::Bool(t, f) => {
            let _ = write!(out, "|Type|Boolean|\n|GlobalChoiceName|`{table}_{logical}`|\n|DefaultValue|False|\n|True Label|{t}|\n|False Label|{f}|\n");
        }
        Kind::DateTime(format) => {
            let _ = write!(out, "|Type|DateTime|\n|CanChangeDateTimeBehavior|False|\n|DateTimeBehavior|UserLocal|\n|Format|{format}|\n|ImeMode|Inactive|\n|SourceTypeMask|0|\n");
        }
        Kind::Uid => out.push_str("|Type|Uniqueidentifier|\n"),
        Kind::Lookup(target) => {
            let _ = write!(out, "|Type|Lookup|\n|Targets|{target}|\n");
        }
        Kind::Picklist(values) => {
            out.push_str("|Type|Picklist|\n");
            choice(out, values);
        }
        Kind::State => {
            let _ = write!(out, "|Type|State|\n|DefaultFormValue||\n|GlobalChoiceName|`{table}_{logical}`|\n\n#### {schema} Choices/Options\n\n|Value|Details|\n|---|---|\n|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|\n|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|\n");
        }
        Kind::Status => {
            let _ = write!(out, "|Type|Status|\n|DefaultFormValue||\n|GlobalChoiceName|`{table}_{logical}`|\n\n#### {schema} Choices/Options\n\n|Value|Details|\n|---|---|\n|1|Label: **Active**<br />State:0<br />TransitionData: None|\n|2|Label: **Inactive**<br />State:1<br />TransitionData: None|\n");
        }
    }
    out.push('\n');
}

const MENU_DETAILS: &str = "AvailableOffline: True<br />Behavior: `DoNotDisplay`<br />Group: `Details`<br />Label: <br />MenuId: null<br />Order: <br />QueryApi: null<br />ViewId: `00000000-0000-0000-0000-000000000000`";
const NO_CASCADE: &str = "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `NoCascade`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`";

/// A one-to-many block of the hub: `schema` from `hub` to `referencing`.`attribute`.
pub(super) fn one_to_many_block(
    out: &mut String,
    schema: &str,
    referencing: &str,
    attribute: &str,
) {
    let _ = write!(
        out,
        "### <a name=\"BKMK_{schema}\"></a> {schema}\n\nMany-To-One Relationship: [{referencing} {schema}]({referencing}.md#BKMK_{schema})\n\n|Property|Value|\n|---|---|\n|ReferencingEntity|`{referencing}`|\n|ReferencingAttribute|`{attribute}`|\n|ReferencedEntityNavigationPropertyName|`{schema}`|\n|IsCustomizable|`True`|\n|AssociatedMenuConfiguration|{MENU_DETAILS}|\n\n"
    );
}

fn many_to_one_block(out: &mut String, schema: &str, referenced: &str, attribute: &str) {
    let _ = write!(
        out,
        "### <a name=\"BKMK_{schema}\"></a> {schema}\n\nOne-To-Many Relationship: [{referenced} {schema}]({referenced}.md#BKMK_{schema})\n\n|Property|Value|\n|---|---|\n|ReferencedEntity|`{referenced}`|\n|ReferencedAttribute|`{referenced}id`|\n|ReferencingAttribute|`{attribute}`|\n|ReferencingEntityNavigationPropertyName|`{attribute}`|\n|IsHierarchical||\n|CascadeConfiguration|{NO_CASCADE}|\n\n"
    );
}

/// The hub page `hub` (the renamed systemuser) with a one-to-many relationship per entry of
/// `related` (referencing table -> (schema name, referencing column)).
pub fn hub_page(hub: &str, related: &BTreeMap<String, Vec<(String, String)>>) -> String {
    // The fixed part is written for `systemuser` and renamed, like a corpus page.
    let mut head = String::new();
    head.push_str(
        "---\ntitle: \"User (SystemUser) table/entity reference (Microsoft Dataverse)\"\ndescription: \"Includes schema information and supported messages for the User (SystemUser) table/entity with Microsoft Dataverse.\"\nms.topic: generated-reference\nauthor: phecke\nms.author: pehecke\nsearch.audienceType: \n  - developer\n---\n\n# User (SystemUser) table/entity reference (Microsoft Dataverse)\n\nPerson with access to the Microsoft CRM system and who owns objects in the Microsoft CRM database.\n\n## Messages\n\nThe following table lists the messages for the User (SystemUser) table.\nMessages represent operations that can be performed on the table. They may also be events.\n\n| Name <br />Is Event? |Web API Operation |SDK for .NET |\n| ---- | ----- |----- |\n",
    );
    for (m, op) in [
        ("Create", "`POST` /systemusers"),
        ("Delete", "`DELETE` /systemusers(*systemuserid*)"),
        ("Retrieve", "`GET` /systemusers(*systemuserid*)"),
        ("RetrieveMultiple", "`GET` /systemusers"),
        ("Update", "`PATCH` /systemusers(*systemuserid*)"),
    ] {
        let _ = writeln!(
            head,
            "| `{m}`<br />Event: True |{op}<br />See [{m}](/powerapps/developer/data-platform/webapi/overview) |[{m} records](/power-apps/developer/data-platform/org-service/overview)|"
        );
    }
    head.push_str("\n## Properties\n\nThe following table lists selected properties for the User (SystemUser) table.\n\n|Property|Value|\n| --- | --- |\n| **DisplayName** | **User** |\n| **DisplayCollectionName** | **Users** |\n| **SchemaName** | `SystemUser` |\n| **CollectionSchemaName** | `SystemUsers` |\n| **EntitySetName** | `systemusers`|\n| **LogicalName** | `systemuser` |\n| **LogicalCollectionName** | `systemusers` |\n| **PrimaryIdAttribute** | `systemuserid` |\n| **PrimaryNameAttribute** |`fullname` |\n| **TableType** | `Standard` |\n| **OwnershipType** | `BusinessOwned` |\n\n");
    let (writable, read_only) = hub_columns();
    for (title, intro, cols, w) in [
        ("Writable columns/attributes", "These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.", &writable, true),
        ("Read-only columns/attributes", "These columns/attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.", &read_only, false),
    ] {
        let _ = write!(head, "## {title}\n\n{intro}\n\n");
        for (schema, ..) in cols.iter() {
            let _ = writeln!(head, "- [{schema}](#BKMK_{schema})");
        }
        head.push('\n');
        for (schema, display, desc, kind) in cols.iter() {
            column_block(&mut head, HUB, schema, display, desc, kind, w);
        }
    }
    let own = [
        (
            "business_unit_system_users",
            "businessunit",
            "businessunitid",
        ),
        ("calendar_system_users", "calendar", "calendarid"),
        ("lk_systemuser_createdonbehalfby", HUB, "createdonbehalfby"),
        (
            "lk_systemuser_modifiedonbehalfby",
            HUB,
            "modifiedonbehalfby",
        ),
        ("lk_systemuserbase_createdby", HUB, "createdby"),
        ("lk_systemuserbase_modifiedby", HUB, "modifiedby"),
        ("mailbox_regarding_systemuser", "mailbox", "defaultmailbox"),
        (
            "MobileOfflineProfile_SystemUser",
            "mobileofflineprofile",
            "mobileofflineprofileid",
        ),
        ("position_users", "position", "positionid"),
        ("queue_system_user", "queue", "queueid"),
        ("territory_system_users", "territory", "territoryid"),
        (
            "TransactionCurrency_SystemUser",
            "transactioncurrency",
            "transactioncurrencyid",
        ),
        ("user_parent_user", HUB, "parentsystemuserid"),
    ];
    head.push_str("## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by **SchemaName**.\n\n");
    for (schema, ..) in own {
        let _ = writeln!(head, "- [{schema}](#BKMK_{schema})");
    }
    head.push('\n');
    for (schema, referenced, attribute) in own {
        many_to_one_block(&mut head, schema, referenced, attribute);
    }
    let mut text = head.replace(HUB, hub);
    // The one-to-many side: the hub's own self-references, then every table of the copy.
    let mut blocks: Vec<(String, String, String)> = own
        .iter()
        .filter(|(_, referenced, _)| *referenced == HUB)
        .map(|(schema, _, attribute)| {
            (
                schema.replace(HUB, hub),
                hub.to_string(),
                attribute.to_string(),
            )
        })
        .collect();
    for (table, rels) in related {
        for (schema, attribute) in rels {
            blocks.push((schema.clone(), table.clone(), attribute.clone()));
        }
    }
    blocks.sort_by_key(|b| b.0.to_ascii_lowercase());
    text.push_str("## One-to-Many relationships\n\nThese relationships are one-to-many. Listed by **SchemaName**.\n\n");
    for (schema, ..) in &blocks {
        let _ = writeln!(text, "- [{schema}](#BKMK_{schema})");
    }
    text.push('\n');
    for (schema, referencing, attribute) in &blocks {
        one_to_many_block(&mut text, schema, referencing, attribute);
    }
    let _ = write!(text, "### See also\n\n[Dataverse table/entity reference](../about-entity-reference.md)\n[Web API Reference](/power-apps/developer/data-platform/webapi/reference/about)\n<xref:Microsoft.Dynamics.CRM.{hub}?displayProperty=fullName>\n");
    text
}
