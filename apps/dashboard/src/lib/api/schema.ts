// Generated from openapi.yaml (its /console/ paths) by `npm run api:client`: do not edit by hand.

export interface paths {
    "/console/v1/auth/sign-in/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Sets the httpOnly, SameSite=Lax session cookie (`switchboard.session_token`); the token itself is never in the
         *     body. With TOTP on, answers `two_factor_required: true` and a short-lived cookie for verify-totp instead.
         *     Throttled per account (CONSOLE_SIGN_IN_FAILURES_PER_ACCOUNT failures in 15 minutes) and per source address
         *     (CONSOLE_SIGN_INS_PER_SOURCE a minute): 429 with code 4. Writes must carry the console's Origin (403, code 10).
         */
        post: operations["consoleSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out this browser (its session is deleted, the cookie cleared) */
        post: operations["consoleSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/auth/two-factor/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP — the otpauth URI to scan and backup codes; on once a code is verified */
        post: operations["consoleEnableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/auth/two-factor/verify-totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a sign-in (or turn TOTP on) with the authenticator's 6-digit code */
        post: operations["consoleVerifyTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/auth/two-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn TOTP off (needs the password) */
        post: operations["consoleDisableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        /** What an invitation link is for (no session needed; the id is the secret) */
        get: operations["consoleShowInvitation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/invitations/{invitationId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join — set name and password (or give the existing account's password); leaves the browser signed in */
        post: operations["consoleAcceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and their businesses, with their role in each */
        get: operations["consoleMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own sessions (every browser they are signed in on) */
        get: operations["consoleListSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign one of the caller's sessions out */
        delete: operations["consoleRevokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere else (every session of the caller but this one) */
        post: operations["consoleRevokeOtherSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** Members and pending invitations (any role) */
        get: operations["consoleListMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                memberId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (owner or admin; only an owner removes an owner; the last owner stays) */
        delete: operations["consoleRemoveMember"];
        options?: never;
        head?: never;
        /** Change a member's role (owner or admin; only an owner makes or changes an owner; the last owner stays) */
        patch: operations["consoleChangeRole"];
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite by link (owner or admin; only an owner invites an owner) — valid 7 days */
        post: operations["consoleInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                invitationId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel a pending invitation (owner or admin); its link stops working */
        delete: operations["consoleCancelInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /**
         * The overview page — numbers, the messaging-limit tier and its use, traffic charts, failing webhooks (any role)
         * @description Outbound messages are counted in the hour or day they were created, by how far they got (read implies delivered implies sent). `last_24h` has 24 hourly points (UTC hour starts, the current hour last); `last_7d` and `last_30d` have one point per calendar day in the business's time zone, today last. Every bucket is present, zero when idle; `traffic` is answered only with `traffic=true` (it reads the month's messages; pages that want the numbers leave it out). `failing_webhooks` lists live subscriptions whose latest POST failed.
         */
        get: operations["consoleOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/media": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The template editor's sample for a media header — a multipart upload as POST /{phone_number_id}/media (owner, admin)
         * @description The same form (`file`, `type`, `messaging_product`), checks of type and size, and storage as POST /{phone_number_id}/media. The answer's id is what a media header's `example.header_handle` carries.
         */
        post: operations["consoleUploadMedia"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/test-send": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The wizard's "send a test to one number" — one template message through the normal send path (owner, admin)
         * @description Sends `template` (its variables already filled, as for one recipient) to `to` from `phone_number_id`, exactly as POST /{phone_number_id}/messages would: the same checks and errors, the message log, status webhooks and delivery. No campaign is made.
         */
        post: operations["consoleCampaignTestSend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The campaigns page — newest first, with live progress (any role; the same list as GET /{waba_id}/campaigns) */
        get: operations["consoleListCampaigns"];
        put?: never;
        /** Launch a campaign from the wizard (owner or admin; as POST /{waba_id}/campaigns, Idempotency-Key included) */
        post: operations["consoleCreateCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/check": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a create would make of this request, nothing kept — the wizard's review (owner or admin)
         * @description The same checks and the same ledger as a create, in a transaction that is rolled back: the same refusals
         *     (100, 404, 1320xx) and the audience report a create would answer. With the first complete recipient's
         *     variables for the preview, and an upper bound of the duration from the number's throughput and the business's
         *     messaging limit (every recipient counted against it).
         */
        post: operations["consoleCheckCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        /** A campaign's page — the campaign with its live progress (any role; as GET /{waba_id}/campaigns/{campaign_id}) */
        get: operations["consoleGetCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        /** The campaign page's recipients table (any role; as GET /{waba_id}/campaigns/{campaign_id}/recipients) */
        get: operations["consoleListCampaignRecipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/recipients.csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        /**
         * The campaign's recipients as a CSV download, filtered as the table is (any role)
         * @description Columns row, input, wa_id, state, reason, error_code, wamid, dispatched_at, in audience order; streamed a page
         *     of the ledger at a time. A cell a spreadsheet would run as a formula gets a leading quote.
         */
        get: operations["consoleExportCampaignRecipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a campaign (owner or admin; as POST /{waba_id}/campaigns/{campaign_id}/pause) */
        post: operations["consolePauseCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a campaign (owner or admin; as POST /{waba_id}/campaigns/{campaign_id}/resume) */
        post: operations["consoleResumeCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a campaign (owner or admin; as POST /{waba_id}/campaigns/{campaign_id}/cancel) */
        post: operations["consoleCancelCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/campaigns/{campaignId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry the failed recipients in a new campaign (owner or admin; as POST /{waba_id}/campaigns/{campaign_id}/retry) */
        post: operations["consoleRetryCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The Flows page — newest first, each with its runs (any role; as GET /{waba_id}/flows) */
        get: operations["consoleListFlows"];
        put?: never;
        /** Create a flow with its draft (owner or admin; as POST /{waba_id}/flows) */
        post: operations["consoleCreateFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        /** One flow with its draft (any role) */
        get: operations["consoleGetFlow"];
        put?: never;
        /** Save the draft and the flow's settings (owner or admin; as POST /{waba_id}/flows/{flow_id}) */
        post: operations["consoleUpdateFlow"];
        /** Delete a flow and its versions; its runs that hold a contact are stopped (owner or admin) */
        delete: operations["consoleDeleteFlow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/validate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What is wrong with the draft, node by node (any role; changes nothing) */
        post: operations["consoleValidateFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Freeze the draft as the next version and make it live (owner or admin); an invalid draft is a 400 naming each node */
        post: operations["consolePublishFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        /** The published versions, newest first (any role) */
        get: operations["consoleListFlowVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an earlier published version live again (owner or admin) */
        post: operations["consoleRollbackFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        /** The flow's runs, newest first (any role; as GET /{waba_id}/flows/{flow_id}/runs) */
        get: operations["consoleListFlowRuns"];
        put?: never;
        /** Start a run for a contact — the live version, another version, or a test run of the draft (owner or admin; as POST /{waba_id}/flows/{flow_id}/runs) */
        post: operations["consoleStartFlowRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flows/{flowId}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        /** What happened at each node over a date range (any role; as GET /{waba_id}/flows/{flow_id}/analytics) */
        get: operations["consoleFlowAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flow_runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                runId: string;
            };
            cookie?: never;
        };
        /** One run with the path it took and the variables after each step (any role) */
        get: operations["consoleGetFlowRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/flow_runs/{runId}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                runId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop a run; a handed-off run hands the contact back to the bot (owner or admin) */
        post: operations["consoleStopFlowRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /**
         * The Developers page's API keys, revoked ones included, newest first (owner or admin)
         * @description The same list as GET /{waba_id}/api_keys; tokens are never shown again.
         */
        get: operations["consoleListApiKeys"];
        put?: never;
        /**
         * Create an API key — the token is in this response only (owner or admin)
         * @description As POST /{waba_id}/api_keys.
         */
        post: operations["consoleCreateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/api_keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                apiKeyId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (owner or admin; idempotent), as DELETE /{waba_id}/api_keys/{api_key_id} */
        delete: operations["consoleRevokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/webhook_subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The Developers page's webhook subscriptions, newest first (owner or admin; as GET /{waba_id}/webhook_subscriptions) */
        get: operations["consoleListWebhookSubscriptions"];
        put?: never;
        /**
         * Subscribe a callback URL (owner or admin) — Meta's verification handshake first, as POST /{waba_id}/webhook_subscriptions
         * @description A failed handshake is refused with code 100; its details say what the endpoint answered.
         */
        post: operations["consoleCreateWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/webhook_events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The webhook event log with each event's sent payload, newest first (owner or admin; as GET /{waba_id}/webhook_events) */
        get: operations["consoleListWebhookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/webhook_events/replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay the failed deliveries of events emitted in [since, until) (owner or admin; as POST /{waba_id}/webhook_events/replay) */
        post: operations["consoleReplayFailedWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/webhook_events/{event_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                event_id: string;
            };
            cookie?: never;
        };
        /** An event's deliveries and attempts, per subscription (owner or admin; as GET /{waba_id}/webhook_events/{event_id}/deliveries) */
        get: operations["consoleListWebhookEventDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/webhook_events/{event_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                event_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event again (owner or admin; as POST /{waba_id}/webhook_events/{event_id}/replay) */
        post: operations["consoleReplayWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/message_templates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The Templates page — newest first, with Graph's filters (any role; as GET /{waba_id}/message_templates) */
        get: operations["consoleListMessageTemplates"];
        put?: never;
        /** Create a template and submit it for review (owner or admin) — the same rules and limits as POST /{waba_id}/message_templates */
        post: operations["consoleCreateMessageTemplate"];
        /** Delete templates by name (every language), or one by name and hsm_id (owner or admin; as DELETE /{waba_id}/message_templates) */
        delete: operations["consoleDeleteMessageTemplates"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/message_templates/{templateId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                templateId: string;
            };
            cookie?: never;
        };
        /** One template, for its editor (any role; as GET /{template_id}) */
        get: operations["consoleGetMessageTemplate"];
        put?: never;
        /** Edit a template within Meta's limits; it goes back to review (owner or admin; as POST /{template_id}) */
        post: operations["consoleEditMessageTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** Contacts by number, searched and filtered (any role; as GET /{waba_id}/contacts) */
        get: operations["consoleListContacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/contacts/{wa_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                wa_id: string;
            };
            cookie?: never;
        };
        /** One contact (any role; as GET /{waba_id}/contacts/{wa_id}) */
        get: operations["consoleGetContact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a contact's profile name, tags or attributes (owner, admin or agent); given fields replace the stored ones */
        patch: operations["consoleEditContact"];
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/contacts/{wa_id}/opt_history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                wa_id: string;
            };
            cookie?: never;
        };
        /** A contact's opt-ins and opt-outs, newest first, the latest 100 (any role) */
        get: operations["consoleContactOptHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/contacts/import": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import contacts from a CSV with its columns mapped, and a report row by row (owner or admin)
         * @description Numbers are normalised as sends do (national numbers in the country of the business's first number); a number
         *     seen earlier in the file is a duplicate (the first row wins). New numbers become contacts; known ones are
         *     merged: a profile name given replaces the stored one, tags are added, attributes given replace those keys. Opt
         *     status and the window are never changed by an import. Rows with a problem are left out, the rest imported.
         */
        post: operations["consoleImportContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /**
         * Conversations as the signed-in agent sees them, newest first (any role)
         * @description `view`: `mine` (assigned to the signed-in agent), `unassigned` (the queue) or `all`. Each conversation carries
         *     `my_unread_count`, the agent's own unread count (docs/inbox.md "Unread per agent").
         */
        get: operations["consoleListConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        /** One conversation (any role; as GET /{waba_id}/conversations/{conversation_id}) */
        get: operations["consoleGetConversation"];
        put?: never;
        /** Priority and labels (owner, admin, agent; as POST /{waba_id}/conversations/{conversation_id}) */
        post: operations["consoleUpdateConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        /** The thread, newest first (any role) */
        get: operations["consoleGetConversationThread"];
        put?: never;
        /**
         * Reply as the signed-in agent (owner, admin, agent; as POST /{waba_id}/conversations/{conversation_id}/messages)
         * @description The reply takes the conversation for the signed-in agent when a bot or nobody held it.
         */
        post: operations["consoleReplyToConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark read for the signed-in agent, and send the read receipt (owner, admin, agent) */
        post: operations["consoleMarkConversationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open, park, snooze or resolve (owner, admin, agent; as POST /{waba_id}/conversations/{conversation_id}/status) */
        post: operations["consoleSetConversationStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign, transfer or put back in the queue (owner, admin, agent) */
        post: operations["consoleAssignConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/canned_responses": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /** The business's canned responses for the reply box, newest first (any role) */
        get: operations["consoleListCannedResponses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        /** Private notes, newest first (any role) */
        get: operations["consoleListConversationNotes"];
        put?: never;
        /** A private note by the signed-in agent (owner, admin, agent) */
        post: operations["consoleAddConversationNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        /** The contact panel (any role; as GET /{waba_id}/conversations/{conversation_id}/contact) */
        get: operations["consoleGetConversationContact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/inbox/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        /**
         * The inbox live — Server-Sent Events for agents (any role)
         * @description A `text/event-stream` that stays open. Stored events carry `id:`, the business's event number; a client that
         *     reconnects with `Last-Event-ID` (an EventSource does so by itself) or `?after=` gets every event after it, in
         *     order, then the live ones. `ready` comes first: `{cursor, reset, presence}` — `reset` true when the cursor given
         *     can no longer be resumed (events are kept a day), and the client reloads its lists. Events: `message`
         *     (`{conversation, message}`: a message joined a thread, either direction), `message_status` (`{status, messages:
         *     [{id, conversation_id}], error?}`: ✓, ✓✓, read, failed), `conversation` (`{conversation}`: status, assignee,
         *     labels, unread), and, never stored and without `id`, `typing` (`{conversation_id, user_id, name, typing}`) and
         *     `presence` (`{user_id, status}`: online, away, offline). A comment line every 15 s keeps the stream open.
         */
        get: operations["consoleInboxEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/inbox/presence": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The signed-in agent's presence — away, or online again (online needs an open event stream) */
        post: operations["consoleSetInboxPresence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/v1/businesses/{businessId}/conversations/{conversation_id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The signed-in agent is typing (or stopped) in a conversation — shown to the other agents (owner, admin, agent) */
        post: operations["consoleConversationTyping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            id: string;
            name: string;
            /** @description `sb_live_…` and the last four characters. */
            token_hint: string;
            /** Format: date-time */
            created_time: string;
            /**
             * Format: date-time
             * @description Updated at most once a minute.
             */
            last_used_time: string | null;
            /** Format: date-time */
            revoked_time: string | null;
        };
        ApiKeyCreated: {
            id: string;
            name: string;
            token_hint: string;
            /** Format: date-time */
            created_time: string;
            last_used_time: null;
            revoked_time: null;
            /** @description Shown once: send it as `Authorization: Bearer <token>`. */
            token: string;
        };
        Campaign: {
            id: string;
            name: string;
            phone_number_id: string;
            template: {
                name: string;
                language: {
                    code: string;
                };
            };
            /** @description How it was chosen: `{ tags, attributes }`, `{ csv: { rows, columns } }` (never the file), or `{ retry: { campaign_id, codes } }` (the failures of another campaign). */
            audience: Record<string, never>;
            /** @enum {string} */
            status: "DRAFT" | "SCHEDULED" | "RUNNING" | "PAUSED" | "COMPLETED" | "CANCELLED";
            /** @description While PAUSED: user, template_paused or template_disabled. */
            pause_reason?: string;
            /** @description While RUNNING but held by a limit, e.g. messaging_limit. */
            wait_reason?: string;
            /** Format: date-time */
            wait_until?: string;
            /** Format: date-time */
            scheduled_at?: string;
            /** Format: date-time */
            started_at?: string;
            /** Format: date-time */
            completed_at?: string;
            /** Format: date-time */
            cancelled_at?: string;
            /** Format: date-time */
            created_at: string;
            /** @description Rows in the ledger, skipped ones included. */
            recipients: number;
            progress: components["schemas"]["CampaignProgress"];
            /** @description Only in the answer to a create. */
            report?: components["schemas"]["CampaignReport"];
        };
        CampaignCreate: {
            name: string;
            /** @description One of the business's phone numbers; it sends the campaign. */
            phone_number_id: string;
            template: {
                name: string;
                language: {
                    code: string;
                };
                /**
                 * @description As in a template send. Strings may hold `{{name}}` placeholders, filled per recipient from its
                 *     variables (CSV columns; contact attributes, wa_id and profile_name).
                 */
                components?: Record<string, never>[];
            };
            /** @description Contacts by tags and attribute values, or a CSV. */
            audience: {
                /** @description The contact has every tag. */
                tags?: string[];
                /** @description The contact's attributes hold every pair (same type and value). */
                attributes?: {
                    [key: string]: string | number | boolean;
                };
            } | {
                /**
                 * @description RFC 4180 text, at most 5 MB and 200,000 rows: a header row with one number column (phone,
                 *     phone_number, wa_id or to; any case), the other columns being variables. Numbers without "+"
                 *     are read as international, then as national numbers of the sending number's country.
                 */
                csv: string;
            };
            schedule?: {
                /**
                 * @description ISO 8601. With an offset (Z, +02:00) it is absolute; without one it is a wall-clock time in
                 *     `time_zone`, or in the business's time zone.
                 */
                at: string;
                /** @description IANA time zone, e.g. America/New_York. */
                time_zone?: string;
            };
        };
        CampaignCreated: components["schemas"]["Campaign"] & Record<string, never>;
        /**
         * @description Every recipient counted once: not sent yet (pending), skipped (by reason), refused at dispatch or failed
         *     after (failed, by Cloud API code), or its message's latest status (queued, sent, delivered, read).
         */
        CampaignProgress: {
            pending: number;
            queued: number;
            sent: number;
            delivered: number;
            read: number;
            failed: {
                total: number;
                by_code: {
                    [key: string]: number;
                };
            };
            skipped: {
                total: number;
                /** @description invalid_number, duplicate, opted_out, missing_variable, cancelled. */
                by_reason: {
                    [key: string]: number;
                };
            };
        };
        CampaignRecipient: {
            /** @description Position in the audience (a CSV's data row). */
            row: number;
            /** @description The number as given. */
            input: string;
            /** @description The normalised number; absent when it was invalid. */
            wa_id?: string;
            /** @enum {string} */
            state: "pending" | "queued" | "sent" | "delivered" | "read" | "failed" | "skipped";
            /** @description Why a skipped recipient was skipped: invalid_number, duplicate, opted_out, missing_variable, cancelled. */
            reason?: string;
            /** @description A failed recipient's Cloud API error code. */
            error_code?: string;
            wamid?: string;
            /** Format: date-time */
            dispatched_at?: string;
        };
        CampaignRecipientPage: {
            data: components["schemas"]["CampaignRecipient"][];
            paging: components["schemas"]["Paging"];
        };
        CampaignReport: {
            recipients: number;
            pending: number;
            invalid: number;
            duplicates: number;
            opted_out: number;
            missing_variable: number;
            /** @description The first problems in audience order; `row` is the position (the CSV's data row, header not counted). */
            samples: {
                row: number;
                input: string;
                reason: string;
            }[];
        };
        CannedResponse: {
            id: string;
            short_code: string;
            content: string;
            /** Format: date-time */
            created_time: string;
        };
        ConsoleBusinessRef: {
            /** @description the waba_id */
            id: string;
            name: string;
        };
        ConsoleCampaignCheck: {
            report: components["schemas"]["CampaignReport"];
            phone_number_id: string;
            /** @enum {string} */
            category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
            /** @description The first complete recipient's variables (null when no recipient has them all). */
            sample: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            scheduled_at: string | null;
            estimate: {
                messages_per_second: number;
                /** @description At the number's throughput alone. */
                sending_seconds: number;
                /** @description At most: with a day more for each further messaging limit of recipients. */
                seconds: number;
                messaging_limit: {
                    tier: string;
                    limit: number | null;
                    used_24h: number;
                    remaining: number | null;
                };
                /** @description Recipients beyond today's remaining budget. */
                over_limit: number;
            };
        };
        ConsoleInvitation: {
            id: string;
            email: string;
            role: components["schemas"]["ConsoleRole"];
            /** Format: date-time */
            expires_at: string;
            /** @description the dashboard page where the invitee joins: pass it on to them */
            link: string;
        };
        /**
         * @description owner and admin manage members (only an owner makes or changes an owner); agent and viewer read.
         * @enum {string}
         */
        ConsoleRole: "owner" | "admin" | "agent" | "viewer";
        ConsoleTrafficSeries: {
            /** @enum {string} */
            bucket: "hour" | "day";
            points: {
                /** @description hour: the UTC hour start (date-time); day: the date in the business time zone */
                start: string;
                sent: number;
                delivered: number;
                read: number;
                failed: number;
            }[];
        };
        ConsoleUser: {
            id: string;
            email: string;
            name: string;
        };
        Contact: {
            wa_id: string;
            profile_name: string | null;
            /** @enum {string} */
            opt_status: "UNKNOWN" | "OPTED_IN" | "OPTED_OUT";
            /** @description "api", "keyword:STOP", "keyword:START", or what the business said. */
            opt_source: string | null;
            /** Format: date-time */
            opted_in_time: string | null;
            /** Format: date-time */
            opted_out_time: string | null;
            /** Format: date-time */
            last_inbound_time: string | null;
            /**
             * Format: date-time
             * @description When the 24-hour customer-service window closes; null while it is closed.
             */
            window_expires_time: string | null;
            tags: string[];
            attributes: {
                [key: string]: string | number | boolean | null;
            };
            /** Format: date-time */
            created_time: string;
            /** Format: date-time */
            updated_time: string;
        };
        Conversation: {
            id: string;
            phone_number_id: string;
            wa_id: string;
            /** @enum {string} */
            status: "open" | "pending" | "snoozed" | "resolved";
            /** Format: date-time */
            snoozed_until: string | null;
            /** @enum {string} */
            priority: "none" | "low" | "medium" | "high" | "urgent";
            labels: string[];
            assignee: null | components["schemas"]["ConversationAssignee"];
            team: string | null;
            unread_count: number;
            /** @description The signed-in agent's own unread count (the console's list only). */
            my_unread_count?: number;
            /** Format: date-time */
            last_inbound_time: string | null;
            /** Format: date-time */
            last_message_time: string;
            /** @description The 24-hour customer-service window a free-form reply needs. */
            window: {
                open: boolean;
                /** Format: date-time */
                expires_time: string | null;
                seconds_left: number;
            };
            /** Format: date-time */
            created_time: string;
        };
        ConversationAssignee: {
            /**
             * @description user: a console user id; bot: any name of the business's bot.
             * @enum {string}
             */
            type: "user" | "bot";
            id: string;
        };
        ConversationContactPanel: {
            contact: null | components["schemas"]["Contact"];
            campaigns: {
                id: string;
                name: string;
                /** @enum {string} */
                message_status: "queued" | "sent" | "delivered" | "read" | "failed";
                /** Format: date-time */
                sent_time: string;
            }[];
            flow_runs: {
                id: string;
                flow_id: string;
                status: string;
                /** Format: date-time */
                started_time: string;
                /** Format: date-time */
                ended_time: string | null;
            }[];
        };
        ConversationNote: {
            id: string;
            body: string;
            author_id: string | null;
            /** Format: date-time */
            created_time: string;
        };
        /** @description The one error envelope (the Cloud API's Graph error shape). fbtrace_id is the request id. */
        Error: {
            error: {
                message: string;
                type: string;
                code: number;
                error_subcode?: number;
                error_data?: {
                    /** @constant */
                    messaging_product?: "whatsapp";
                    details: string;
                };
                fbtrace_id: string;
            };
        };
        Flow: {
            id: string;
            name: string;
            phone_number_ids: string[];
            triggers: components["schemas"]["FlowTrigger"][];
            priority: number;
            /** @description The version new runs start on. */
            live_version: number | null;
            definition: components["schemas"]["FlowDefinition"];
            /** Format: date-time */
            created_time: string;
            /** Format: date-time */
            updated_time: string;
        };
        FlowAnalytics: {
            /** Format: date-time */
            since: string;
            /** Format: date-time */
            until: string;
            version: number | null;
            /** @description The runs started in the range, by status now. */
            runs: components["schemas"]["FlowRunCounts"] & {
                total: number;
            };
            /** @description By node id, the nodes some run reached. */
            nodes: {
                [key: string]: components["schemas"]["FlowRunCounts"] & {
                    entered: number;
                    left: number;
                    answered: number;
                    invalid: number;
                    timed_out: number;
                    errored: number;
                };
            };
        };
        FlowCreate: {
            name: string;
            phone_number_ids: string[];
            triggers?: components["schemas"]["FlowTrigger"][];
            /** @description Higher first when several flows' triggers match one message. */
            priority?: number;
            definition: components["schemas"]["FlowDefinition"];
        };
        /** @description A flow's graph; its exact shape is published as docs/flow.schema.json. */
        FlowDefinition: {
            start: string;
            variables?: Record<string, never>[];
            nodes: Record<string, never>[];
            edges?: Record<string, never>[];
            /** @description Where the console's builder draws each node (node id → position); the runtime ignores it. */
            layout?: {
                [key: string]: {
                    x: number;
                    y: number;
                };
            };
        };
        FlowListItem: components["schemas"]["Flow"] & {
            runs: {
                /** @description Runs holding a contact now: running, waiting or handed off. */
                active: number;
                total: number;
            };
        };
        FlowProblems: {
            problems: {
                node?: string;
                problem: string;
            }[];
        };
        FlowRun: {
            id: string;
            flow_id: string;
            version: number;
            phone_number_id: string;
            wa_id: string;
            /** @enum {string} */
            status: "running" | "waiting" | "handed_off" | "completed" | "failed" | "stopped";
            current_node: string | null;
            variables: Record<string, never>;
            /**
             * Format: date-time
             * @description When the question waited on times out, or the delay waited on ends.
             */
            waiting_until: string | null;
            end_reason: string | null;
            /** Format: date-time */
            started_time: string;
            /** Format: date-time */
            ended_time: string | null;
        };
        FlowRunCounts: {
            running: number;
            waiting: number;
            handed_off: number;
            completed: number;
            failed: number;
            stopped: number;
        };
        FlowRunStep: {
            seq: number;
            node: string;
            type: string;
            /** @description `prompt:<wamid>`, `sent:<wamid>`, `answer`, `answer:<button>`, `invalid`, `timeout`, `delay:<seconds>`, `waiting:window`, `resumed`, a rule port, `opted_in`, `opted_out`, `error:<reason>`, `failed:<code>: <reason>` (its message failed later), `end`, `handed_off`. */
            outcome: string | null;
            variables: Record<string, never>;
            /** Format: date-time */
            time: string;
        };
        FlowSuccess: {
            success: boolean;
        };
        FlowTrigger: {
            /** @enum {string} */
            type: "keyword" | "regex" | "new_contact" | "fallback" | "campaign";
            keywords?: string[];
            pattern?: string;
            /** @description campaign: the campaign whose template messages' replies start the flow */
            campaign_id?: string;
            /** @description campaign: the quick-reply button payloads that start it; without it, any reply to the campaign's message */
            payloads?: string[];
        };
        FlowUpdate: {
            name?: string;
            phone_number_ids?: string[];
            triggers?: components["schemas"]["FlowTrigger"][];
            priority?: number;
            definition?: components["schemas"]["FlowDefinition"];
        };
        FlowVersion: {
            version: number;
            definition: components["schemas"]["FlowDefinition"];
            /** Format: date-time */
            published_time: string;
        };
        MessageTemplate: {
            id: string;
            name: string;
            language: string;
            /** @enum {string} */
            status: "PENDING" | "APPROVED" | "REJECTED" | "PAUSED" | "DISABLED";
            category: components["schemas"]["TemplateCategory"];
            /** @enum {string} */
            parameter_format: "POSITIONAL" | "NAMED";
            components: components["schemas"]["TemplateComponent"][];
            /**
             * @description NONE unless REJECTED.
             * @enum {string}
             */
            rejected_reason: "NONE" | "ABUSIVE_CONTENT" | "INCORRECT_CATEGORY" | "INVALID_FORMAT" | "PROMOTIONAL" | "SCAM" | "TAG_CONTENT_MISMATCH";
            /** @description Switchboard extension: why, and what to change (as the webhook's rejection_info). */
            rejection_info?: {
                reason: string;
                recommendation: string;
            };
        };
        MessageTemplateCreate: {
            name: string;
            /** @description A template language code: en, en_US, pt_BR… */
            language: string;
            /** @description MARKETING, UTILITY or AUTHENTICATION (any case). */
            category: string;
            /** @description POSITIONAL (default) or NAMED; inferred from the text when absent. */
            parameter_format?: string;
            allow_category_change?: boolean;
            components: components["schemas"]["TemplateComponent"][];
        };
        MessageTemplateEdit: {
            category?: string;
            parameter_format?: string;
            components?: components["schemas"]["TemplateComponent"][];
        };
        /** @description Graph's cursor paging. `next` / `previous` are the same request one page further / back. */
        Paging: {
            cursors: {
                before: string;
                after: string;
            };
            /** Format: uri */
            next?: string;
            /** Format: uri */
            previous?: string;
        };
        SendMessageResult: {
            /** @constant */
            messaging_product: "whatsapp";
            contacts: {
                /** @description `to` as given. */
                input: string;
                wa_id: string;
            }[];
            messages: {
                id: string;
                /**
                 * @description Templates only.
                 * @enum {string}
                 */
                message_status?: "accepted" | "held_for_quality_assessment";
            }[];
        };
        Success: {
            /** @constant */
            success: true;
        };
        /** @enum {string} */
        TemplateCategory: "MARKETING" | "UTILITY" | "AUTHENTICATION";
        /**
         * @description A template component as Graph defines it (templates/components): HEADER (format TEXT, IMAGE, VIDEO,
         *     DOCUMENT or LOCATION), BODY (text with {{1}} or {{name}} variables and `example`), FOOTER, BUTTONS
         *     (QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP). Types and formats in any case; stored upper-cased.
         */
        TemplateComponent: {
            type: string;
            format?: string;
            text?: string;
            example?: Record<string, never>;
            buttons?: {
                type: string;
            }[];
        };
        /**
         * @description A message of the thread as the business message log keeps it: the Cloud API message content under its type's
         *     key (`text`, `image`, `template`, `interactive`, …), `context` for a quoted message, the outbound status
         *     (sent ✓, delivered ✓✓, read) and a failed message's Cloud API `error`.
         */
        ThreadMessage: {
            id: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            type: string;
            /** Format: date-time */
            timestamp: string;
            /** @enum {string} */
            status: "queued" | "sent" | "delivered" | "read" | "failed";
            context?: {
                id: string;
            };
            error?: {
                code: number;
                title: string;
                message?: string;
                error_data?: {
                    details?: string;
                };
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * @description false (the default): every POST carries exactly one change — one entry with one change — as Meta sends them,
         *     so receivers that read only `entry[0].changes[0]` miss nothing. true: changes pending together for this
         *     subscription share a POST (up to WEBHOOK_BATCH_MAX_EVENTS changes and WEBHOOK_BATCH_MAX_BYTES), in order.
         *     Either way a message's statuses arrive one at a time, in order.
         * @default false
         */
        WebhookBatching: boolean;
        WebhookDelivery: {
            subscription_id: string;
            callback_url: string | null;
            state: components["schemas"]["WebhookDeliveryState"];
            /** @description POSTs that carried the event to this subscription. */
            attempts: number;
            /**
             * Format: date-time
             * @description null when settled, or while it waits for an earlier event of its ordering key.
             */
            next_attempt_time: string | null;
            /** Format: date-time */
            delivered_time: string | null;
            /** Format: date-time */
            expires_time: string;
            log: {
                /** Format: date-time */
                time: string;
                /** @description null: no response (timeout, connection refused). */
                status_code: number | null;
                latency_ms: number;
                error: string | null;
                /** @description Events in that POST. */
                batch_size: number;
                payload: components["schemas"]["WebhookSentPayload"];
                signature: components["schemas"]["WebhookSentSignature"];
            }[];
        };
        /**
         * @description pending — waiting for its (next) attempt; delivered — a receiver answered 2xx; failed — not delivered within
         *     WEBHOOK_MAX_AGE_SECONDS (7 days); cancelled — its subscription was deleted.
         * @enum {string}
         */
        WebhookDeliveryState: "pending" | "delivered" | "failed" | "cancelled";
        WebhookEvent: {
            id: string;
            field: string;
            ordering_key: string | null;
            /** Format: date-time */
            created_time: string;
            deliveries: {
                subscription_id: string;
                state: components["schemas"]["WebhookDeliveryState"];
                attempts: number;
                payload: components["schemas"]["WebhookSentPayload"];
                signature: components["schemas"]["WebhookSentSignature"];
            }[];
        };
        WebhookEventHeader: {
            id: string;
            field: string;
            /** @description Events sharing it (a message's statuses) arrive in order. */
            ordering_key: string | null;
            /** Format: date-time */
            created_time: string;
        };
        /** @enum {string} */
        WebhookField: "account_alerts" | "account_review_update" | "account_update" | "automatic_events" | "business_capability_update" | "flow_runs" | "history" | "message_template_components_update" | "message_template_quality_update" | "message_template_status_update" | "messages" | "partner_solutions" | "payment_configuration_update" | "phone_number_name_update" | "phone_number_quality_update" | "security" | "smb_app_state_sync" | "smb_message_echoes" | "template_category_update" | "user_preferences";
        /** @description An array of fields, or a comma-separated string of them (as Graph accepts). */
        WebhookFieldList: components["schemas"]["WebhookField"][] | string;
        /** @description Unix seconds (number or digits) or an ISO 8601 time. */
        WebhookInstant: number | string;
        WebhookPaging: {
            cursors: {
                before: string;
                after: string;
            };
            next?: string;
            previous?: string;
        };
        WebhookReplayResult: {
            /** @constant */
            success: true;
            /** @description Deliveries put back to pending. */
            replayed: number;
        };
        /**
         * @description The exact body of the (latest) POST, as the JSON text whose bytes were signed: verify a receiver by computing
         *     `sha256=` + hex HMAC-SHA256(app_secret, these bytes) and comparing with `signature`. With batching it holds
         *     every change that POST carried. null before the first POST, or once retention pruned or emptied an event the
         *     POST carried.
         */
        WebhookSentPayload: string | null;
        /** @description The `X-Hub-Signature-256` header that POST carried (null before the first POST). */
        WebhookSentSignature: string | null;
        WebhookSubscription: {
            id: string;
            /** @constant */
            object: "whatsapp_business_account";
            callback_url: string;
            fields: components["schemas"]["WebhookField"][];
            batching: components["schemas"]["WebhookBatching"];
            active: boolean;
            /** Format: date-time */
            verified_time: string;
            /** Format: date-time */
            created_time: string;
            /** Format: date-time */
            updated_time: string;
        };
    };
    responses: {
        /** @description Signed in (the session cookie is set), or — with TOTP on — `two_factor_required: true` and no user yet. */
        ConsoleSignedIn: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    two_factor_required: boolean;
                    user?: components["schemas"]["ConsoleUser"];
                };
            };
        };
        /** @description Done. */
        ConsoleSuccess: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                };
            };
        };
        /** @description The conversation. */
        Conversation: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conversation"];
            };
        };
        /** @description An error in the one envelope. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The `paging.cursors.after` of the previous page. */
        After: string;
        /** @description The `paging.cursors.before` of the next page. */
        Before: string;
        ConsoleBusinessId: string;
        ConsoleCampaignId: string;
        ConsoleFlowId: string;
        /** @description The direction over the list's key (a contact's number, a recipient's row); cursors keep it. */
        ConsolePageOrder: "asc" | "desc";
        /** @description Runs started at or after (ISO 8601; default 30 days before until). */
        FlowAnalyticsSince: string;
        /** @description Runs started before (ISO 8601; default now). */
        FlowAnalyticsUntil: string;
        /** @description One version's runs (default all). */
        FlowAnalyticsVersion: number;
        Limit: number;
    };
    requestBodies: {
        ConsolePassword: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    consoleSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    rememberMe?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["ConsoleSignedIn"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    consoleSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    consoleEnableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ConsolePassword"];
        responses: {
            /** @description The secret to scan, and backup codes (shown once). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        totp_uri: string;
                        backup_codes: string[];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    consoleVerifyTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    trustDevice?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["ConsoleSignedIn"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    consoleDisableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ConsolePassword"];
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    consoleShowInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A pending invitation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        role: components["schemas"]["ConsoleRole"];
                        business: components["schemas"]["ConsoleBusinessRef"];
                        /** Format: date-time */
                        expires_at: string;
                        /** @description true: accept with the existing password */
                        has_account: boolean;
                    };
                };
            };
            400: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleAcceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Joined and signed in (the session cookie is set). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        business: components["schemas"]["ConsoleBusinessRef"];
                        role: components["schemas"]["ConsoleRole"];
                        user: components["schemas"]["ConsoleUser"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    consoleMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who is signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["ConsoleUser"];
                        memberships: {
                            member_id: string;
                            role: components["schemas"]["ConsoleRole"];
                            business: components["schemas"]["ConsoleBusinessRef"];
                        }[];
                    };
                };
            };
            401: components["responses"]["Error"];
        };
    };
    consoleListSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** @description the session of this request */
                            current: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            last_active_at: string;
                            /** Format: date-time */
                            expires_at: string;
                            ip_address: string | null;
                            user_agent: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Error"];
        };
    };
    consoleRevokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleRevokeOtherSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many sessions were signed out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: number;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    consoleListMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: {
                            id: string;
                            role: components["schemas"]["ConsoleRole"];
                            user: components["schemas"]["ConsoleUser"];
                            two_factor_enabled: boolean;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                        invitations: components["schemas"]["ConsoleInvitation"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleRemoveMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    consoleChangeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                memberId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: components["schemas"]["ConsoleRole"];
                };
            };
        };
        responses: {
            /** @description The member's role now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        role: components["schemas"]["ConsoleRole"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    consoleInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    role: components["schemas"]["ConsoleRole"];
                };
            };
        };
        responses: {
            /** @description The invitation and its link, to pass on to the person. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleInvitation"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCancelInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleOverview: {
        parameters: {
            query?: {
                traffic?: "true" | "false";
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        business: {
                            id: string;
                            name: string;
                            time_zone: string;
                        };
                        messaging_limit: {
                            /** @enum {string} */
                            tier: "TIER_250" | "TIER_2K" | "TIER_10K" | "TIER_100K" | "TIER_UNLIMITED";
                            /** @description unique users per rolling 24 h; null: unlimited */
                            limit: number | null;
                            /** @description unique users contacted outside a window in the last 24 h */
                            used_24h: number;
                        };
                        numbers: {
                            id: string;
                            display_phone_number: string;
                            verified_name: string;
                            /** @enum {string} */
                            quality_rating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
                            messages_per_second: number;
                            /** @description outbound messages from this number in the last 24 h */
                            messages_24h: number;
                        }[];
                        traffic?: {
                            last_24h: components["schemas"]["ConsoleTrafficSeries"];
                            last_7d: components["schemas"]["ConsoleTrafficSeries"];
                            last_30d: components["schemas"]["ConsoleTrafficSeries"];
                        };
                        failing_webhooks: {
                            id: string;
                            callback_url: string;
                            /** Format: date-time */
                            last_attempt_at: string;
                            /** @description why the latest POST failed ("HTTP 500: …", "timeout …") */
                            last_error: string;
                            /** @description null: no response came */
                            last_status_code: number | null;
                            failed_attempts_24h: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleUploadMedia: {
        parameters: {
            query: {
                phone_number_id: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    type?: string;
                    /** @constant */
                    messaging_product?: "whatsapp";
                };
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            413: components["responses"]["Error"];
        };
    };
    consoleCampaignTestSend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phone_number_id: string;
                    /** @description the number in international form */
                    to: string;
                    /** @description A template message's `template` object (see TemplateMessage), variables filled. */
                    template: {
                        name: string;
                        language: {
                            code: string;
                        };
                        components?: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Accepted; the wamid to follow it by. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListCampaigns: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                status?: "DRAFT" | "SCHEDULED" | "RUNNING" | "PAUSED" | "COMPLETED" | "CANCELLED";
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Campaign"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCreateCampaign: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignCreate"];
            };
        };
        responses: {
            /** @description The campaign, with the audience report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignCreated"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            413: components["responses"]["Error"];
            422: components["responses"]["Error"];
        };
    };
    consoleCheckCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignCreate"];
            };
        };
        responses: {
            /** @description The report and the estimate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleCampaignCheck"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            413: components["responses"]["Error"];
        };
    };
    consoleGetCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListCampaignRecipients: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                /** @description What the recipient is now — a message's status once dispatched, else pending / failed / skipped. */
                state?: "pending" | "queued" | "sent" | "delivered" | "read" | "failed" | "skipped";
                /** @description A Cloud API error code (failed recipients) or a skip reason (skipped ones). */
                code?: string;
                /** @description Part of the number; only its digits count. */
                q?: string;
                /** @description The direction over the list's key (a contact's number, a recipient's row); cursors keep it. */
                order?: components["parameters"]["ConsolePageOrder"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page, in audience order (or its reverse with order=desc). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignRecipientPage"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleExportCampaignRecipients: {
        parameters: {
            query?: {
                state?: "pending" | "queued" | "sent" | "delivered" | "read" | "failed" | "skipped";
                code?: string;
                q?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consolePauseCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleResumeCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCancelCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleRetryCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                campaignId: components["parameters"]["ConsoleCampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new campaign, with its audience report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignCreated"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListFlows: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FlowListItem"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCreateFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlowCreate"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flow"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flow"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleUpdateFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlowUpdate"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flow"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleDeleteFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowSuccess"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleValidateFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowProblems"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consolePublishFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowVersion"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListFlowVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FlowVersion"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleRollbackFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Flow"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListFlowRuns: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                status?: "running" | "waiting" | "handed_off" | "completed" | "failed" | "stopped";
                wa_id?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FlowRun"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleStartFlowRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phone_number_id: string;
                    to: string;
                    variables?: {
                        [key: string]: string | number | boolean;
                    };
                    version?: number;
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description The run, before its first step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowRun"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleFlowAnalytics: {
        parameters: {
            query?: {
                /** @description One version's runs (default all). */
                version?: components["parameters"]["FlowAnalyticsVersion"];
                /** @description Runs started at or after (ISO 8601; default 30 days before until). */
                since?: components["parameters"]["FlowAnalyticsSince"];
                /** @description Runs started before (ISO 8601; default now). */
                until?: components["parameters"]["FlowAnalyticsUntil"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                flowId: components["parameters"]["ConsoleFlowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowAnalytics"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetFlowRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowRun"] & {
                        steps: components["schemas"]["FlowRunStep"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleStopFlowRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether the run was stopped (false when it had already ended). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowSuccess"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListApiKeys: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCreateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default API key */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description The new key, with its token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleRevokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                apiKeyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListWebhookSubscriptions: {
        parameters: {
            query?: {
                limit?: number;
                after?: string;
                before?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookSubscription"][];
                        paging: components["schemas"]["WebhookPaging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCreateWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    object?: "whatsapp_business_account";
                    /** Format: uri */
                    callback_url: string;
                    verify_token: string;
                    app_secret: string;
                    fields: components["schemas"]["WebhookFieldList"];
                    batching?: components["schemas"]["WebhookBatching"];
                };
            };
        };
        responses: {
            /** @description Verified and saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListWebhookEvents: {
        parameters: {
            query?: {
                limit?: number;
                after?: string;
                before?: string;
                /** @description Only events with at least one delivery in this state. */
                state?: components["schemas"]["WebhookDeliveryState"];
                field?: string;
                subscription_id?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookEvent"][];
                        paging: components["schemas"]["WebhookPaging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleReplayFailedWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    since: components["schemas"]["WebhookInstant"];
                    until?: components["schemas"]["WebhookInstant"];
                    subscription_id?: string;
                };
            };
        };
        responses: {
            /** @description How many deliveries were replayed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplayResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListWebhookEventDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The log. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        event: components["schemas"]["WebhookEventHeader"];
                        data: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleReplayWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    subscription_id?: string;
                };
            };
        };
        responses: {
            /** @description How many deliveries were replayed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplayResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListMessageTemplates: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                /** @description Accepted for compatibility; every field is returned. */
                fields?: string;
                name?: string;
                /** @description Any case. */
                status?: string;
                /** @description Any case. */
                category?: string;
                language?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageTemplate"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleCreateMessageTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageTemplateCreate"];
            };
        };
        responses: {
            /** @description Created, PENDING. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @constant */
                        status: "PENDING";
                        category: components["schemas"]["TemplateCategory"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleDeleteMessageTemplates: {
        parameters: {
            query: {
                name: string;
                hsm_id?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetMessageTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                templateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageTemplate"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleEditMessageTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                templateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageTemplateEdit"];
            };
        };
        responses: {
            /** @description Edited; review follows. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Success"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListContacts: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                /** @description Part of the number or of the profile name. */
                search?: string;
                tag?: string;
                opt_status?: "UNKNOWN" | "OPTED_IN" | "OPTED_OUT";
                /** @description The direction over the list's key (a contact's number, a recipient's row); cursors keep it. */
                order?: components["parameters"]["ConsolePageOrder"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Contact"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                wa_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The contact. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleEditContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                wa_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    profile_name?: string;
                    tags?: string[];
                    attributes?: {
                        [key: string]: string | number | boolean | null;
                    };
                };
            };
        };
        responses: {
            /** @description The contact. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleContactOptHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                wa_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @enum {string} */
                            status: "OPTED_IN" | "OPTED_OUT";
                            /** @description "api", "keyword:STOP", "keyword:START", or what the business said. */
                            source: string;
                            /** Format: date-time */
                            time: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleImportContacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 5 MB and 200,000 rows, with a header row. */
                    csv: string;
                    columns: {
                        /** @description The header of the number column. */
                        phone: string;
                        profile_name?: string;
                        /** @description A column of tags; several in one cell separated by ; or |. */
                        tags?: string;
                        /** @description Columns kept as attributes, under their header. */
                        attributes?: string[];
                    };
                    /** @description Added to every imported contact. */
                    tags?: string[];
                };
            };
        };
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rows: number;
                        created: number;
                        updated: number;
                        invalid: number;
                        duplicates: number;
                        /** @description The first rows left out, in file order; `row` is the data row (header not counted). */
                        samples: {
                            row: number;
                            input: string;
                            /** @enum {string} */
                            reason: "invalid_number" | "duplicate" | "invalid_tag";
                        }[];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            413: components["responses"]["Error"];
        };
    };
    consoleListConversations: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
                view?: "mine" | "unassigned" | "all";
                status?: "open" | "pending" | "snoozed" | "resolved";
                label?: string;
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Conversations, each with `my_unread_count`. */
                        data: components["schemas"]["Conversation"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Conversation"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleUpdateConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    priority?: "none" | "low" | "medium" | "high" | "urgent";
                    add_labels?: string[];
                    remove_labels?: string[];
                };
            };
        };
        responses: {
            200: components["responses"]["Conversation"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetConversationThread: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ThreadMessage"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleReplyToConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type?: string;
                    context?: {
                        message_id?: string;
                    };
                    canned_response?: {
                        id: string;
                        variables?: {
                            [key: string]: string;
                        };
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Accepted by the send path. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        messaging_product: "whatsapp";
                        contacts: {
                            input: string;
                            wa_id: string;
                        }[];
                        messages: {
                            id: string;
                            message_status?: string;
                        }[];
                        conversation: components["schemas"]["Conversation"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    consoleMarkConversationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Conversation"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleSetConversationStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "open" | "pending" | "snoozed" | "resolved";
                    /** Format: date-time */
                    snoozed_until?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Conversation"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleAssignConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    assignee: null | components["schemas"]["ConversationAssignee"];
                    team?: string | null;
                };
            };
        };
        responses: {
            200: components["responses"]["Conversation"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleListCannedResponses: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CannedResponse"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    consoleListConversationNotes: {
        parameters: {
            query?: {
                limit?: components["parameters"]["Limit"];
                /** @description The `paging.cursors.after` of the previous page. */
                after?: components["parameters"]["After"];
                /** @description The `paging.cursors.before` of the next page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationNote"][];
                        paging: components["schemas"]["Paging"];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleAddConversationNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description The note. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationNote"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleGetConversationContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The panel. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationContactPanel"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleInboxEvents: {
        parameters: {
            query?: {
                /** @description Resume after this event number (Last-Event-ID wins). */
                after?: string;
            };
            header?: {
                /** @description The last event number seen. */
                "Last-Event-ID"?: string;
            };
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleSetInboxPresence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "online" | "away";
                };
            };
        };
        responses: {
            /** @description The agent's presence now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user_id: string;
                        /** @enum {string} */
                        status: "online" | "away" | "offline";
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    consoleConversationTyping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                businessId: components["parameters"]["ConsoleBusinessId"];
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    typing: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["ConsoleSuccess"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
}
