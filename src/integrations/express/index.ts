/** athanor/express: placeholder until the web back ends work lands. */
export {};
